import { phoneLast4Message } from '../../shared/domain/phone-check';
import { useServices } from '../app/services';
import { RequestRejectedError } from '../sync/api-client';
import { branchHash } from '../hashing/keyed-hash';
import { Button } from '../ui/Button';
import { DigitsDisplay } from '../ui/DigitsDisplay';
import { ErrorNote } from '../ui/ErrorNote';
import { Keypad } from '../ui/Keypad';
import { ScreenFrame } from '../ui/ScreenFrame';
import { entryErrorText } from './entry-error-text';
import { useKiosk } from './kiosk-context';
import type { Screen } from './session';
import { PICKUP_STEPS } from './steps';

/** How long the customer waits for the server's answer before the kiosk checks the digits itself. */
const SERVER_CHECK_MS = 3_000;

/**
 * A typed code is confirmed with the last 4 phone digits: online, checked and counted by
 * the server per order (so new visits at other kiosks do not reset the count; too many
 * wrong and the desk helps); offline, against the order's hash keyed with the branch's key.
 */
export function PhoneScreen({ screen }: { screen: Extract<Screen, { name: 'phone' }> }) {
  const { dispatch, t } = useKiosk();
  const { db, api, identity } = useServices();
  const { order, digits } = screen;
  /** The server's answer; null when it cannot give one (offline, slow, or it lost the order): then the kiosk decides. */
  async function serverSays(entered: string): Promise<boolean | 'locked' | null> {
    try {
      const id = await identity.get();
      if (!id) return null;
      return (await api.phoneCheck(id.token, order.code, entered, AbortSignal.timeout(SERVER_CHECK_MS))).match;
    } catch (error) {
      return error instanceof RequestRejectedError && error.status === 423 ? 'locked' : null;
    }
  }
  const submit = async (entered: string) => {
    if (entered.length !== 4) return dispatch({ type: 'go', screen: { ...screen, digits: entered, error: { kind: 'phone-length' } } });
    const said = await serverSays(entered);
    if (said === 'locked') return dispatch({ type: 'go', screen: { name: 'staff', reason: 'too-many', step: screen } });
    const match = said ?? (await branchHash(db, phoneLast4Message(order.code, entered))) === order.phoneLast4Hash;
    if (!match) {
      dispatch({ type: 'fail', screen: { ...screen, digits: '', error: { kind: 'phone-mismatch' } } });
    } else {
      dispatch({ type: 'go', screen: { name: 'order', order, verifiedBy: 'phone' } });
    }
  };
  return (
    <ScreenFrame
      name="entry" title={t.phoneTitle} step={t.step(1, PICKUP_STEPS)}
      reach={(
        <div className="entry">
          <DigitsDisplay value={digits} length={4} label={t.phoneTitle} />
          <Keypad
            value={digits}
            maxLength={4}
            onChange={(next) => dispatch({ type: 'go', screen: { ...screen, digits: next, error: undefined } })}
            onSubmit={(entered) => void submit(entered)}
            labels={{ erase: t.erase, group: t.keypadLabel }}
          />
        </div>
      )}
      back={<Button testId="cancel" onClick={() => dispatch({ type: 'wipe' })}>{t.cancel}</Button>}
      main={<Button variant="primary" testId="key-next" onClick={() => void submit(digits)}>{t.next}</Button>}
    >
      <p className="hint">{t.phoneHint}</p>
      <ErrorNote text={entryErrorText(t, screen.error)} />
    </ScreenFrame>
  );
}
