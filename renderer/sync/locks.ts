/** The part of the Web Locks API the sync engine uses; in the browser, `navigator.locks`. */
export type LockPort = {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
};

export function browserLocks(): LockPort {
  return { request: (name, callback) => navigator.locks.request(name, callback) };
}
