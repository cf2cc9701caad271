import { useLayoutEffect, useRef } from 'react';
import { Button } from './Button';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * The on-screen keypad, 11 keys as on an ATM (0 under 8, «Стереть» beside it); «Дальше» is
 * the screen's main action, in the action bar like every screen's. The kiosk never shows
 * the system keyboard. A hardware keypad works too: digits, Backspace and Enter typed
 * anywhere on the screen land here.
 */
export function Keypad(props: {
  value: string;
  maxLength: number;
  onChange: (value: string) => void;
  /** with the digits as they are now (a key typed just before Enter may not be rendered yet) */
  onSubmit: (value: string) => void;
  labels: { erase: string; group: string };
}) {
  const { value, maxLength, onChange, onSubmit } = props;
  const type = (digit: string) => { if (value.length < maxLength) onChange(value + digit); };

  // A hardware keypad's keys are read through one listener that always sees the latest
  // digits, also those typed since the last render: effects run after paint (Preact), and
  // a listener re-made per render could see the digits as they were a key ago, losing one.
  // It is attached as the screen is put in the page (a layout effect), not after paint, so
  // a key pressed the moment the screen shows is not lost either.
  const latest = useRef({ value, maxLength, onChange, onSubmit });
  latest.current = { value, maxLength, onChange, onSubmit };
  useLayoutEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
      const now = latest.current;
      const set = (next: string) => { now.value = next; now.onChange(next); };
      if (/^\d$/.test(event.key)) { event.preventDefault(); if (now.value.length < now.maxLength) set(now.value + event.key); }
      else if (event.key === 'Backspace') { event.preventDefault(); set(now.value.slice(0, -1)); }
      // Enter on a focused button presses that button; Enter elsewhere submits.
      else if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) { event.preventDefault(); now.onSubmit(now.value); }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="keypad" role="group" aria-label={props.labels.group}>
      {KEYS.map((d) => <Button key={d} variant="key" onClick={() => type(d)}>{d}</Button>)}
      <Button variant="key" onClick={() => onChange(value.slice(0, -1))} testId="key-erase">{props.labels.erase}</Button>
      <Button variant="key" onClick={() => type('0')}>0</Button>
    </div>
  );
}
