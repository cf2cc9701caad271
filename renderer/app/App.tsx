import { useEffect, useState } from 'react';
import { KioskApp } from '../kiosk/KioskApp';
import { enrol } from './enrol';
import { type EnrolError, EnrolScreen } from './EnrolScreen';
import { useServices } from './services';

type State = { phase: 'loading' } | { phase: 'enrol'; busy: boolean; error: EnrolError } | { phase: 'ready' };

/**
 * Decides what the kiosk shows: the enrolment screen until it has a device token, then
 * the customer screens. A link with `?enroll=CODE` enrols without typing.
 */
export function App({ enrolCode }: { enrolCode: string | null }) {
  const services = useServices();
  const [state, setState] = useState<State>({ phase: 'loading' });

  async function start() {
    // The first sync fills the order cache before the first customer; offline it waits.
    await services.sync.syncOnce().catch(() => undefined);
    void services.sync.run();
    setState({ phase: 'ready' });
  }

  async function submit(code: string) {
    setState({ phase: 'enrol', busy: true, error: null });
    const result = await enrol(services.db, services.api, code);
    if (result.ok) await start();
    else setState({ phase: 'enrol', busy: false, error: result.error });
  }

  useEffect(() => {
    void (async () => {
      if (await services.db.getSetting('identity')) await start();
      else if (enrolCode) await submit(enrolCode);
      else setState({ phase: 'enrol', busy: false, error: null });
    })();
  }, []);

  if (state.phase === 'loading') return null;
  if (state.phase === 'enrol') return <EnrolScreen busy={state.busy} error={state.error} onSubmit={(c) => void submit(c)} />;
  return <KioskApp />;
}
