import type { Messages } from '../../shared/i18n';
import type { PrintProblem } from '../bridge/host-bridge';
import type { PrinterStatus } from '../../shared/protocol/ipc';

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

/** The line in the top bar that tells passing staff what the printer needs; empty when it is well. */
export function printerStaffText(t: Messages, status: PrinterStatus | null): string {
  switch (status?.problem) {
    case 'paper-out': return t.staffPrinter(t.printerProblemPaperOut);
    case 'cover-open': return t.staffPrinter(t.printerProblemCoverOpen);
    case 'offline': case 'no-answer': return t.staffPrinter(t.printerProblemOffline);
    default: return '';
  }
}
