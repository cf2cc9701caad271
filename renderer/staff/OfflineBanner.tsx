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
  const [offline, setOffline] = useState(sync.getStatus().online === false);
  useEffect(() => sync.subscribe((status) => setOffline(status.online === false)), [sync]);
  if (!offline) return null;
  return <p className="tablet-offline" role="status" data-testid="tablet-offline">{t.offlineBanner}</p>;
}
