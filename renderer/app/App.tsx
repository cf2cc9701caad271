import { lazy, Suspense, useEffect, useState } from 'react';
import type { DeviceRole } from '../../shared/protocol/enroll';
import { KioskApp } from '../kiosk/KioskApp';
import { enrol } from './enrol';
import { type EnrolError, EnrolScreen } from './EnrolScreen';
import { useServices } from './services';

type State = { phase: 'loading' } | { phase: 'enrol'; busy: boolean; error: EnrolError } | { phase: 'ready'; role: DeviceRole };

/**
 * The staff screens are their own bundle, loaded only on a tablet: the kiosk's
 * JavaScript stays small (docs/benchmarks.md, bench:kiosk) and never carries them.
 */
const StaffApp = lazy(() => import('../staff/StaffApp').then((m) => ({ default: m.StaffApp })));

/**
 * Decides what the device shows: the enrolment screen until it has a device token, then
 * the screens of its role (the customer kiosk, or the staff tablet). A link with
 * `?enroll=CODE` enrols without typing.
 */
export function App({ enrolCode }: { enrolCode: string | null }) {
  const services = useServices();
  const [state, setState] = useState<State>({ phase: 'loading' });

  function start(role: DeviceRole = 'kiosk') {
    setState({ phase: 'ready', role });
  }

  // The welcome screen never waits for the network: the sync loop starts once it is on
  // screen, fills the order cache in the background, and an order not cached yet is asked
  // of the server directly.
  useEffect(() => {
    if (state.phase !== 'ready') return;
    const timer = setTimeout(() => {
      void services.sync.run();
      if (state.role === 'kiosk') {
        services.live.start();
        // The tablets hear which languages this kiosk can speak (none: no espeak-ng, no browser voice).
        void services.host.speech.voices().then((voices) => {
          services.reporter?.speechKnown(voices);
          services.sync.kick(); // its next report says so at once
        });
      }
    }, 0);
    return () => { clearTimeout(timer); services.sync.stop(); services.live.stop(); };
  }, [state.phase, services]);

  async function submit(code: string) {
    setState({ phase: 'enrol', busy: true, error: null });
    const result = await enrol(services.db, services.identity, services.api, code);
    if (result.ok) start(result.role);
    else setState({ phase: 'enrol', busy: false, error: result.code });
  }

  useEffect(() => {
    void (async () => {
      // A token the host cannot read (Electron: the keyring is gone) is a device problem
      // shown on the enrolment screen, never a blank kiosk.
      const identity = await services.identity.get().then((found) => ({ found }), () => null);
      if (!identity) setState({ phase: 'enrol', busy: false, error: 'device' });
      else if (identity.found) start(identity.found.role);
      else if (enrolCode) await submit(enrolCode);
      else setState({ phase: 'enrol', busy: false, error: null });
    })();
  }, []);

  if (state.phase === 'loading') return null;
  if (state.phase === 'enrol') return <EnrolScreen busy={state.busy} error={state.error} onSubmit={(c) => void submit(c)} />;
  if (state.role === 'tablet') return <Suspense fallback={null}><StaffApp /></Suspense>;
  return <KioskApp />;
}
