import { phoneLast4Message } from '../../shared/domain/phone-check';
import { sha256HexAsync } from '../hashing/digest';
import { Button } from '../ui/Button';
import { DigitsDisplay } from '../ui/DigitsDisplay';
import { ErrorNote } from '../ui/ErrorNote';
import { Heading } from '../ui/Heading';
import { Keypad } from '../ui/Keypad';
import { entryErrorText } from './entry-error-text';
import { useKiosk } from './kiosk-context';
import type { Screen } from './session';

/** A typed code is confirmed with the last 4 phone digits, checked offline against a hash. */
export function PhoneScreen({ screen }: { screen: Extract<Screen, { name: 'phone' }> }) {
  const { dispatch, t } = useKiosk();
  const { order, digits } = screen;
  const submit = async (entered: string) => {
    if (entered.length !== 4) {
      dispatch({ type: 'go', screen: { ...screen, digits: entered, error: { kind: 'phone-length' } } });
    } else if ((await sha256HexAsync(phoneLast4Message(order.code, entered))) !== order.phoneLast4Hash) {
      dispatch({ type: 'fail', screen: { ...screen, digits: '', error: { kind: 'phone-mismatch' } } });
    } else {
      dispatch({ type: 'go', screen: { name: 'order', order, verifiedBy: 'phone' } });
    }
  };
  return (
    <div className="screen screen-entry">
      <Heading>{t.phoneTitle}</Heading>
      <p className="hint">{t.phoneHint}</p>
      <DigitsDisplay value={digits} length={4} label={t.phoneTitle} />
      <ErrorNote text={entryErrorText(t, screen.error)} />
      <Keypad
        value={digits}
        maxLength={4}
        onChange={(next) => dispatch({ type: 'go', screen: { ...screen, digits: next, error: undefined } })}
        onSubmit={(entered) => void submit(entered)}
        labels={{ erase: t.erase, next: t.next, group: t.keypadLabel }}
      />
      <div className="nav">
        <Button testId="cancel" onClick={() => dispatch({ type: 'wipe' })}>{t.cancel}</Button>
      </div>
    </div>
  );
}
