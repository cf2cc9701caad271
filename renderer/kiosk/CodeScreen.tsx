import { ORDER_CODE_LENGTH } from '../../shared/domain/order-code';
import { useServices } from '../app/services';
import { Button } from '../ui/Button';
import { DigitsDisplay } from '../ui/DigitsDisplay';
import { ErrorNote } from '../ui/ErrorNote';
import { Heading } from '../ui/Heading';
import { Keypad } from '../ui/Keypad';
import { entryErrorText } from './entry-error-text';
import { useKiosk } from './kiosk-context';
import { openOrder } from './open-order';
import type { Screen } from './session';

export function CodeScreen({ screen }: { screen: Extract<Screen, { name: 'code' }> }) {
  const { dispatch, t } = useKiosk();
  const services = useServices();
  const submit = async (digits: string) => dispatch(await openOrder(services, digits, 'typed'));
  return (
    <div className="screen screen-entry">
      <Heading>{t.codeTitle}</Heading>
      <p className="hint">{t.codeHint}</p>
      <DigitsDisplay value={screen.digits} length={ORDER_CODE_LENGTH} label={t.orderCode} />
      <ErrorNote text={entryErrorText(t, screen.error)} />
      <Keypad
        value={screen.digits}
        maxLength={ORDER_CODE_LENGTH + 4}
        onChange={(digits) => dispatch({ type: 'go', screen: { name: 'code', digits } })}
        onSubmit={(digits) => void submit(digits)}
        labels={{ erase: t.erase, next: t.next, group: t.keypadLabel }}
      />
      <div className="nav">
        <Button testId="cancel" onClick={() => dispatch({ type: 'wipe' })}>{t.cancel}</Button>
      </div>
    </div>
  );
}
