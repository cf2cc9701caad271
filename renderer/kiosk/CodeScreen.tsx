import { ORDER_CODE_LENGTH } from '../../shared/domain/order-code';
import { useServices } from '../app/services';
import { Button } from '../ui/Button';
import { DigitsDisplay } from '../ui/DigitsDisplay';
import { ErrorNote } from '../ui/ErrorNote';
import { Keypad } from '../ui/Keypad';
import { ScreenFrame } from '../ui/ScreenFrame';
import { entryErrorText } from './entry-error-text';
import { useKiosk } from './kiosk-context';
import { openOrder } from './open-order';
import { CodeWherePicture } from './pictures/CodeWherePicture';
import type { Screen } from './session';
import { PICKUP_STEPS } from './steps';

/** The order's code typed on the keypad; where to find it is drawn (the SMS, the order slip). */
export function CodeScreen({ screen }: { screen: Extract<Screen, { name: 'code' }> }) {
  const { dispatch, t } = useKiosk();
  const services = useServices();
  const submit = async (digits: string) => dispatch(await openOrder(services, digits, 'typed'));
  return (
    <ScreenFrame
      name="entry" title={t.codeTitle} step={t.step(1, PICKUP_STEPS)}
      picture={<CodeWherePicture />}
      reach={(
        <div className="entry">
          <DigitsDisplay value={screen.digits} length={ORDER_CODE_LENGTH} label={t.orderCode} />
          <Keypad
            value={screen.digits}
            maxLength={ORDER_CODE_LENGTH + 4}
            onChange={(digits) => dispatch({ type: 'go', screen: { name: 'code', digits } })}
            onSubmit={(digits) => void submit(digits)}
            labels={{ erase: t.erase, group: t.keypadLabel }}
          />
        </div>
      )}
      back={<Button testId="cancel" onClick={() => dispatch({ type: 'wipe' })}>{t.cancel}</Button>}
      main={<Button variant="primary" testId="key-next" onClick={() => void submit(screen.digits)}>{t.next}</Button>}
    >
      <p className="hint">{t.codeHint}</p>
      <ErrorNote text={entryErrorText(t, screen.error)} />
    </ScreenFrame>
  );
}
