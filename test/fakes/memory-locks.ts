import type { LockPort } from '../../renderer/sync/locks';

/**
 * navigator.locks for Node (which has no Web Locks before Node 22): exclusive, first come
 * first served. Two engines given the same instance behave like two windows of one
 * browser profile.
 */
export function memoryLocks(): LockPort {
  const tails = new Map<string, Promise<unknown>>();
  return {
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
      const previous = tails.get(name) ?? Promise.resolve();
      const run = previous.then(callback, callback);
      tails.set(name, run.catch(() => undefined));
      return run;
    },
  };
}
