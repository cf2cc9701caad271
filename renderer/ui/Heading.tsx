import { useEffect, useRef } from 'react';

/**
 * The screen's title. It takes the focus when the screen appears, so a keyboard or
 * keypad user starts at the top of each new screen instead of on a vanished button.
 */
export function Heading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), [children]);
  return (
    <h1 ref={ref} tabIndex={-1} className="screen-title">
      {children}
    </h1>
  );
}
