import { useEffect, useRef, useState } from 'react';

/** How long a visit may sit untouched, and how long the warning then waits for an answer. */
export type IdleTiming = { warnAfterSeconds: number; answerSeconds: number };

/** A visit is idle after a minute without a touch or key; then at least 30 s to answer (accessibility.md). */
export const DEFAULT_IDLE: IdleTiming = { warnAfterSeconds: 60, answerSeconds: 30 };

/**
 * Counts down while a visit is in progress. Any touch or key is activity and restarts the
 * wait, so "I need more time" can be pressed as often as needed (WCAG 2.2.1). At zero the
 * visit is wiped.
 */
export function useIdle(active: boolean, onTimeout: () => void, timing: IdleTiming = DEFAULT_IDLE): { secondsLeft: number | null; more: () => void } {
  const lastActivity = useRef(Date.now());
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const timeout = useRef(onTimeout);
  timeout.current = onTimeout;

  useEffect(() => {
    const touch = () => { lastActivity.current = Date.now(); };
    window.addEventListener('pointerdown', touch, true);
    window.addEventListener('keydown', touch, true);
    return () => {
      window.removeEventListener('pointerdown', touch, true);
      window.removeEventListener('keydown', touch, true);
    };
  }, []);

  useEffect(() => {
    lastActivity.current = Date.now();
    if (!active) { setSecondsLeft(null); return; }
    const timer = setInterval(() => {
      const idle = Date.now() - lastActivity.current;
      const warnAfterMs = timing.warnAfterSeconds * 1000;
      if (idle < warnAfterMs) { setSecondsLeft(null); return; }
      const left = timing.answerSeconds - Math.floor((idle - warnAfterMs) / 1000);
      if (left <= 0) { setSecondsLeft(null); timeout.current(); } else setSecondsLeft(left);
    }, 1000);
    return () => clearInterval(timer);
  }, [active, timing.warnAfterSeconds, timing.answerSeconds]);

  return { secondsLeft, more: () => { lastActivity.current = Date.now(); setSecondsLeft(null); } };
}
