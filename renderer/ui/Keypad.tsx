import { useEffect } from 'react';
import { Button } from './Button';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * The on-screen keypad: the kiosk never shows the system keyboard. A hardware keypad
 * works too: digits, Backspace and Enter typed anywhere on the screen land here.
 */
export function Keypad(props: {
  value: string;
  maxLength: number;
  onChange: (value: string) => void;
  onSubmit: () => void;
  labels: { erase: string; next: string; group: string };
}) {
  const { value, maxLength, onChange, onSubmit } = props;
  const type = (digit: string) => { if (value.length < maxLength) onChange(value + digit); };

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
      if (/^\d$/.test(event.key)) { event.preventDefault(); type(event.key); }
      else if (event.key === 'Backspace') { event.preventDefault(); onChange(value.slice(0, -1)); }
      // Enter on a focused button presses that button; Enter elsewhere submits.
      else if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) { event.preventDefault(); onSubmit(); }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="keypad" role="group" aria-label={props.labels.group}>
      {KEYS.map((d) => <Button key={d} variant="key" onClick={() => type(d)}>{d}</Button>)}
      <Button variant="key" onClick={() => onChange(value.slice(0, -1))} testId="key-erase">{props.labels.erase}</Button>
      <Button variant="key" onClick={() => type('0')}>0</Button>
      <Button variant="primary" onClick={onSubmit} testId="key-next">{props.labels.next}</Button>
    </div>
  );
}
