import { useEffect, useState } from 'react';
import type { PrinterStatus } from '../../shared/protocol/ipc';
import { useServices } from '../app/services';
import type { SyncStatus } from '../sync/sync-status';
import { useKiosk } from './kiosk-context';
import { staffLineText } from './print-problem';

/**
 * Calm: says nothing while the server is reachable (a queue that drains in a second is no
 * news to a customer), and when not, what that means for the customer (nothing: the kiosk
 * works; the desk helps otherwise). What is for a person (a printer with no paper, sync
 * that cannot go on by itself, rejected transactions, how much waits to be sent while
 * offline) is named on a second, smaller line for staff walking past.
 */
export function StatusLine() {
  const { sync, host } = useServices();
  const { t } = useKiosk();
  const [status, setStatus] = useState<SyncStatus>(sync.getStatus());
  const [printer, setPrinter] = useState<PrinterStatus | null>(null);
  useEffect(() => sync.subscribe(setStatus), [sync]);
  useEffect(() => host.onPrinterStatus(setPrinter), [host]);
  const text = status.online === false ? t.statusOffline : '';
  return (
    <div className="status-lines">
      <p className="status-line" role="status" data-testid="status" data-online={String(status.online)} data-queued={status.queued}>
        {text}
      </p>
      <p className="status-line status-staff" role="status" data-testid="printer-status" data-problem={printer?.problem ?? ''}
        data-sync-problem={status.problem ?? ''} data-quarantined={status.quarantined}>
        {staffLineText(t, printer, status)}
      </p>
    </div>
  );
}
