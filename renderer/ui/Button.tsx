import type { ReactNode } from 'react';

/**
 * Every kiosk target: at least 20 mm square (81 CSS px on the 21.5" panel), acting on
 * release (click), never on press, drag or long press.
 */
export function Button(props: {
  children: ReactNode;
  onClick: () => void;
  variant?: 'primary' | 'secondary' | 'key' | 'help';
  pressed?: boolean;
  label?: string;
  testId?: string;
}) {
  return (
    <button
      type="button"
      className={`btn btn-${props.variant ?? 'secondary'}`}
      onClick={props.onClick}
      aria-pressed={props.pressed}
      aria-label={props.label}
      data-testid={props.testId}
    >
      {props.children}
    </button>
  );
}
