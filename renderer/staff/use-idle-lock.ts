import { useEffect, useState } from 'react';

/** A staff tablet locks itself after this long untouched (issue: 2 minutes). */
export const LOCK_AFTER_MS = 120_000;

export type IdleLock = {
  locked: boolean;
  /** the offline unlock code was wrong too often: only the server's PIN check opens the tablet now */
  serverOnly: boolean;
  /** wrong offline unlock codes so far, in this lock */
  offlineMisses: number;
  lock(): void;
  unlock(): void;
  /** one more wrong offline unlock code; past `limit` the lock becomes server-only */
  missedOffline(limit: number): void;
};

/**
 * Locked once nobody has touched or typed for `afterMs` (or when the server says the
 * session is locked); `unlock` opens it again. Listens on the window (a touch anywhere
 * counts), not on elements.
 */
export function useIdleLock(active: boolean, afterMs = LOCK_AFTER_MS): IdleLock {
  const [locked, setLocked] = useState(false);
  const [offlineMisses, setOfflineMisses] = useState(0);
  const [serverOnly, setServerOnly] = useState(false);
  useEffect(() => {
    if (!active) { setLocked(false); setServerOnly(false); setOfflineMisses(0); }
    if (!active || locked) return;
    let timer = setTimeout(() => setLocked(true), afterMs);
    const touched = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setLocked(true), afterMs);
    };
    const kinds = ['pointerdown', 'keydown', 'wheel'] as const;
    for (const kind of kinds) window.addEventListener(kind, touched, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const kind of kinds) window.removeEventListener(kind, touched);
    };
  }, [active, locked, afterMs]);
  return {
    locked, serverOnly, offlineMisses,
    lock: () => setLocked(true),
    unlock: () => { setLocked(false); setServerOnly(false); setOfflineMisses(0); },
    missedOffline: (limit) => setOfflineMisses((n) => {
      if (n + 1 >= limit) setServerOnly(true);
      return n + 1;
    }),
  };
}
