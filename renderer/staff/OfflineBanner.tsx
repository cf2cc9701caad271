import { useEffect, useState } from 'react';
import { useServices } from '../app/services';
import { useStaffText } from './staff-lang';

/**
 * "No connection", above every tab (not only «Этот планшет»): a staff member on the sale
 * or the desk must know that calls from the kiosks do not arrive now, and that what they
 * do waits on the tablet.
 */
export function OfflineBanner() {
  const { t } = useStaffText();
  const { sync } = useServices();
  const state = (status: { online: boolean | null; serverBusy: boolean }) => (status.serverBusy ? 'busy' : status.online === false ? 'offline' : null);
  const [shown, setShown] = useState(state(sync.getStatus()));
  useEffect(() => sync.subscribe((status) => setShown(state(status))), [sync]);
  if (shown === null) return null;
  return <p className="tablet-offline" role="status" data-testid="tablet-offline" data-state={shown}>{shown === 'offline' ? t.offlineBanner : t.serverBusyBanner}</p>;
}
