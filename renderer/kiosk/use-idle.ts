import { useEffect, useRef, useState } from 'react';

/** A visit is idle after a minute without a touch or key; then at least 30 s to answer. */
export const IDLE_AFTER_MS = 60_000;
export const WARNING_SECONDS = 30;

/**
 * Counts down while a visit is in progress. Any touch or key is activity and restarts the
 * wait, so "I need more time" can be pressed as often as needed (WCAG 2.2.1). At zero the
 * visit is wiped.
 */
export function useIdle(active: boolean, onTimeout: () => void): { secondsLeft: number | null; more: () => void } {
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
      if (idle < IDLE_AFTER_MS) { setSecondsLeft(null); return; }
      const left = WARNING_SECONDS - Math.floor((idle - IDLE_AFTER_MS) / 1000);
      if (left <= 0) { setSecondsLeft(null); timeout.current(); } else setSecondsLeft(left);
    }, 1000);
    return () => clearInterval(timer);
  }, [active]);

  return { secondsLeft, more: () => { lastActivity.current = Date.now(); setSecondsLeft(null); } };
}
