import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';

/**
 * How many of a list's rows fit in its box (nothing on the kiosk scrolls): all of them
 * first, then, if the box overflows, as many as fit, measured from the rows themselves
 * (a long name wraps to two lines in large text). A new window size or a new list starts
 * over. Returns the rows per page; the caller shows pages of that many.
 */
export function useFit(box: RefObject<HTMLElement | null>, count: number, key: string): number {
  const [perPage, setPerPage] = useState(count);
  const [size, setSize] = useState(() => `${window.innerWidth}x${window.innerHeight}`);
  useEffect(() => {
    const onResize = () => setSize(`${window.innerWidth}x${window.innerHeight}`);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  useLayoutEffect(() => { setPerPage(count); }, [count, key, size]);
  // The box's room changes without this list changing (a note appears above it): measure again.
  const [, setTick] = useState(0);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(() => setTick((n) => n + 1));
    observer.observe(el);
    return () => observer.disconnect();
  }, [box]);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || el.scrollHeight <= el.clientHeight + 1) return;
    const top = el.getBoundingClientRect().top;
    const rows = [...el.children] as HTMLElement[];
    const fits = rows.filter((row) => row.getBoundingClientRect().bottom - top <= el.clientHeight + 1).length;
    const next = Math.max(1, Math.min(fits, perPage - 1));
    if (next !== perPage) setPerPage(next);
  });
  return perPage;
}
