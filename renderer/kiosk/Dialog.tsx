import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';

/** A modal message over the screen; its title takes the focus when it opens. */
export function Dialog({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={`${testId}-title`} data-testid={testId}>
        <h2 id={`${testId}-title`} ref={ref} tabIndex={-1} className="dialog-title">{title}</h2>
        {children}
      </div>
    </div>
  );
}
