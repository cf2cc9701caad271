import type { Messages } from '../../shared/i18n';
import type { PrintProblem } from '../bridge/host-bridge';
import type { PrinterStatus } from '../../shared/protocol/ipc';
import type { SyncStatus } from '../sync/sync-status';

/** What the customer is told when the paper did not come out, in plain words. */
export function printProblemText(t: Messages, problem: PrintProblem): string {
  switch (problem) {
    case 'paper-out': return t.printPaperOut;
    case 'cover-open': return t.printCoverOpen;
    case 'offline': return t.printOffline;
    case 'maybe-printed': return t.printMaybe;
    case 'failed': return t.printFailed;
  }
}

/**
 * The line in the top bar that tells passing staff what needs a person: the printer, and
 * sync that cannot go on by itself or rejected transactions, and while offline how much
 * waits to be sent. Empty when all is well.
 */
export function staffLineText(t: Messages, printer: PrinterStatus | null, sync: Pick<SyncStatus, 'problem' | 'quarantined'> & Partial<Pick<SyncStatus, 'online' | 'queued' | 'waitingForServer'>>): string {
  const needs: string[] = [];
  switch (printer?.problem) {
    case 'paper-out': needs.push(t.printerProblemPaperOut); break;
    case 'cover-open': needs.push(t.printerProblemCoverOpen); break;
    case 'offline': case 'no-answer': needs.push(t.printerProblemOffline); break;
    default: break;
  }
  switch (sync.problem) {
    case 'unauthorised': needs.push(t.syncProblemUnauthorised); break;
    case 'needs-update': needs.push(t.syncProblemNeedsUpdate); break;
    case 'batch-refused': needs.push(t.syncProblemBatchRefused); break;
    case 'device-error': needs.push(t.syncProblemDeviceError); break;
    case null: break;
  }
  if (sync.quarantined > 0) needs.push(t.syncQuarantined(sync.quarantined));
  if ((sync.waitingForServer ?? 0) > 0) needs.push(t.syncWaitingForServer(sync.waitingForServer!));
  if (sync.online === false && (sync.queued ?? 0) > 0) needs.push(t.staffQueued(sync.queued!));
  return needs.length ? t.staffNeeds(needs.join('; ')) : '';
}
