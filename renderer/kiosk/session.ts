import type { PrintProblem } from '../bridge/host-bridge';
import type { Lang } from '../../shared/domain/money';
import type { Order, OrderPickedUpPayload } from '../../shared/protocol';
import type { ReceiptRow } from '../db/kiosk-db';

export type Prefs = { lang: Lang; large: boolean; contrast: boolean; voice: boolean };
export const DEFAULT_PREFS: Prefs = { lang: 'ru', large: false, contrast: false, voice: false };

/** What went wrong on the code or phone screen; each has its own plain-language help. */
export type EntryError =
  | { kind: 'length'; entered: number } // fewer or more than 8 digits
  | { kind: 'check-digit' } // a mistyped or swapped digit, caught before any lookup
  | { kind: 'not-found' } // a valid code that is not an order of this branch
  | { kind: 'picked-up' }
  | { kind: 'cancelled' }
  | { kind: 'scan-unknown' } // the scanner read something that is not a pickup code
  | { kind: 'scan-mismatch' } // a pickup QR whose secret is not this order's
  | { kind: 'phone-mismatch' }
  | { kind: 'phone-length' };

export type Screen =
  | { name: 'welcome' }
  | { name: 'code'; digits: string; error?: EntryError }
  | { name: 'phone'; order: Order; digits: string; error?: EntryError }
  | { name: 'order'; order: Order; verifiedBy: OrderPickedUpPayload['verifiedBy'] }
  | { name: 'summary'; order: Order; verifiedBy: OrderPickedUpPayload['verifiedBy'] }
  | { name: 'done'; receipt: ReceiptRow; printProblem: PrintProblem | null }
  | { name: 'staff'; reason: 'too-many' | 'problem' }
  /** an unpaid order: staff take the payment on their tablet, then the handover goes on here */
  | { name: 'staff'; reason: 'unpaid'; order: Order; verifiedBy: OrderPickedUpPayload['verifiedBy'] };

/**
 * Everything of one customer's visit. It lives in React state only (never in storage),
 * so the wipe after idle or "finish" is replacing it with the initial session.
 */
/** A call for help this visit made: its id, and who is coming once someone accepted it. */
export type HelpRequest = { id: string; helper: string | null };

export type Session = { screen: Screen; failures: number; prefs: Prefs; helpOpen: boolean; help: HelpRequest | null };

export const MAX_FAILURES = 3;
export const INITIAL_SESSION: Session = { screen: { name: 'welcome' }, failures: 0, prefs: DEFAULT_PREFS, helpOpen: false, help: null };

export type SessionAction =
  | { type: 'go'; screen: Screen }
  | { type: 'fail'; screen: Screen }
  | { type: 'prefs'; prefs: Partial<Prefs> }
  | { type: 'help'; open: boolean }
  | { type: 'help-requested'; id: string }
  | { type: 'helper'; requestId: string; name: string }
  | { type: 'wipe' };

export function sessionReducer(session: Session, action: SessionAction): Session {
  switch (action.type) {
    case 'go':
      return { ...session, screen: action.screen };
    case 'fail': {
      // After repeated failures a person helps: no endless loop of "try again".
      const failures = session.failures + 1;
      return failures >= MAX_FAILURES
        ? { ...session, failures, screen: { name: 'staff', reason: 'too-many' } }
        : { ...session, failures, screen: action.screen };
    }
    case 'prefs':
      return { ...session, prefs: { ...session.prefs, ...action.prefs } };
    case 'help':
      return { ...session, helpOpen: action.open };
    case 'help-requested':
      return { ...session, help: { id: action.id, helper: null } };
    case 'helper':
      // Only the request of this visit: a late answer to an earlier customer's is not theirs.
      return session.help?.id === action.requestId ? { ...session, helpOpen: true, help: { ...session.help, helper: action.name } } : session;
    case 'wipe':
      return INITIAL_SESSION;
  }
}
