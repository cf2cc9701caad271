import { useEffect, useState } from 'react';
import { useServices } from '../app/services';

/** How often a kiosk waiting for staff asks again whether anyone can hear it. */
const CHECK_EVERY_MS = 20_000;

/**
 * Whether any signed-in staff member can hear this kiosk now (their tablet holds its event
 * stream; the server counts them), asked at once and every 20 s while `active`: true,
 * false (nobody: the kiosk says so and sends the customer to the desk), or null when it
 * cannot tell (offline, or a server that does not answer the question: as before, the
 * kiosk trusts the call to reach someone).
 */
export function useStaffListening(active: boolean): boolean | null {
  const { api, identity } = useServices();
  const [listening, setListening] = useState<boolean | null>(null);
  useEffect(() => {
    if (!active) {
      setListening(null);
      return;
    }
    let stopped = false;
    const check = async () => {
      try {
        const id = await identity.get();
        if (!id) return;
        const n = await api.staffListening(id.token);
        if (!stopped) setListening(n > 0);
      } catch {
        if (!stopped) setListening(null);
      }
    };
    void check();
    const timer = setInterval(() => void check(), CHECK_EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [active, api, identity]);
  return listening;
}
