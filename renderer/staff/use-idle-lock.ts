import { useEffect, useState } from 'react';

/** A staff tablet locks itself after this long untouched (issue: 2 minutes). */
export const LOCK_AFTER_MS = 120_000;

/**
 * Locked once nobody has touched or typed for `afterMs`; `unlock` opens it again. Listens
 * on the window (a touch anywhere counts), not on elements.
 */
export function useIdleLock(active: boolean, afterMs = LOCK_AFTER_MS): { locked: boolean; unlock(): void } {
  const [locked, setLocked] = useState(false);
  useEffect(() => {
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
  return { locked, unlock: () => setLocked(false) };
}
