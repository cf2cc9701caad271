import { useEffect, useState } from 'react';
import { useServices } from '../app/services';
import type { SyncStatus } from '../sync/sync-status';
import { useKiosk } from './kiosk-context';

/**
 * Calm and small: says nothing while the server is reachable (a queue that drains in a
 * second is no news to a customer), and "offline, everything saved, N waiting" when not.
 */
export function StatusLine() {
  const { sync } = useServices();
  const { t } = useKiosk();
  const [status, setStatus] = useState<SyncStatus>(sync.getStatus());
  useEffect(() => sync.subscribe(setStatus), [sync]);
  const text = status.online === false ? t.statusOffline(status.queued) : '';
  return (
    <p className="status-line" role="status" data-testid="status" data-online={String(status.online)} data-queued={status.queued}>
      {text}
    </p>
  );
}
