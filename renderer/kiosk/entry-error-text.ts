import type { Messages } from '../../shared/i18n';
import type { EntryError } from './session';

/** The help text for each mistake; none of them repeats personal data. */
export function entryErrorText(t: Messages, error: EntryError | undefined): string | null {
  if (!error) return null;
  switch (error.kind) {
    case 'length': return t.codeErrLength(error.entered);
    case 'check-digit': return t.codeErrCheckDigit;
    case 'not-found': return t.codeErrNotFound;
    case 'picked-up': return t.codeErrPickedUp;
    case 'cancelled': return t.codeErrCancelled;
    case 'scan-unknown': return t.scanErrUnknown;
    case 'scan-mismatch': return t.scanErrMismatch;
    case 'phone-mismatch': return t.phoneErr;
    case 'phone-length': return t.phoneErrLength;
  }
}
