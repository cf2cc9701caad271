import { useEffect, useRef } from 'react';
import { chime } from './chime';

/** How long the events must pause before a list rings: one ring for a burst. */
const RING_AFTER_QUIET_MS = 300;

/**
 * Someone at a kiosk nobody has come to yet: a call for help nobody took, or a customer
 * waiting for goods nobody brought. The tab's count, the lock screen's summary and the
 * ring are made from these.
 */
export type Waiting = { id: string; kind: 'call' | 'pickup'; kiosk: string; place: string | null; since: number };

/** The one who has waited longest, if anyone waits. */
export function oldestWaiting(list: readonly Waiting[]): Waiting | null {
  return list.reduce<Waiting | null>((oldest, w) => (oldest === null || w.since < oldest.since ? w : oldest), null);
}

/**
 * Rings once for the waiting that arrived since the last ring, after the events stop
 * coming for a moment: the replay at sign-in (every event of the day, in a burst) rings
 * once if someone still waits, and one already taken or gone does not ring. It rings
 * whether the list is on screen or not: a tablet on another tab, or locked, still hears.
 */
export function useRingForNew(waiting: readonly Waiting[]): void {
  const rung = useRef(new Set<string>());
  useEffect(() => {
    const timer = setTimeout(() => {
      const fresh = waiting.filter((w) => !rung.current.has(w.id));
      for (const w of fresh) rung.current.add(w.id);
      if (fresh.length > 0) chime();
    }, RING_AFTER_QUIET_MS);
    return () => clearTimeout(timer);
  }, [waiting]);
}
