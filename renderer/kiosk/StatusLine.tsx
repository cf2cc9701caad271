import { useEffect, useState } from 'react';
import { useServices } from '../app/services';
import type { SyncStatus } from '../sync/sync-status';
import { useKiosk } from './kiosk-context';

/** Calm and small: says nothing when all is well, "offline, N saved" when it is not. */
export function StatusLine() {
  const { sync } = useServices();
  const { t } = useKiosk();
  const [status, setStatus] = useState<SyncStatus>(sync.getStatus());
  useEffect(() => sync.subscribe(setStatus), [sync]);
  const text = status.online === false ? t.statusOffline(status.queued) : status.queued > 0 ? t.statusSending(status.queued) : '';
  return (
    <p className="status-line" role="status" data-testid="status" data-online={String(status.online)} data-queued={status.queued}>
      {text}
    </p>
  );
}
