import type { PrintProblem } from '../bridge/host-bridge';
import type { PaperDocument } from '../../shared/documents/model';
import type { Lang } from '../../shared/domain/money';
import type { Order, OrderPickedUpPayload } from '../../shared/protocol';
import type { PassbookRow, ReceiptRow } from '../db/kiosk-db';

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
  /**
   * The pickup counter: the tablets know the customer waits here; staff bring the goods
   * (and take the payment of an unpaid order), then the handover goes on to the summary.
   */
  | { name: 'waiting'; order: Order; verifiedBy: OrderPickedUpPayload['verifiedBy']; brought: boolean }
  /** `brought`: staff brought the goods to this kiosk (online); offline the customer is at the desk */
  | { name: 'summary'; order: Order; verifiedBy: OrderPickedUpPayload['verifiedBy']; brought?: boolean }
  | { name: 'done'; receipt: ReceiptRow; printProblem: PrintProblem | null }
  /**
   * A person takes over: after repeated failures, a problem, an unpaid order while offline
   * (the service desk takes the payment), or staff handed the order over on their tablet.
   */
  | { name: 'staff'; reason: 'too-many' | 'problem' | 'unpaid' | 'handed-over' }
  /** a staff member's cart, sent from their tablet, for this customer to confirm */
  | { name: 'cart'; confirmationId: string; lines: CartShown['lines']; totalKopecks: number }
  /** `printed`: the sale's paper came out here (or why not), once the staff member recorded the sale */
  | { name: 'cart-answered'; answer: 'confirmed' | 'cancelled' | 'failed'; confirmationId: string; printed?: 'ok' | PrintProblem }
  /** flow C: waiting for the passbook card's barcode (or after one that was not recognised) */
  | { name: 'passbook-scan'; error?: 'unknown' | 'number-only' }
  /** a card proven by its code's secret: its new lines and balance; the number lives in this visit's state only */
  | {
    name: 'passbook'; cardNumber: string; book: PassbookRow; offline: boolean;
    /** known: the holder asked to be remembered (greeted, settings applied); ask: offered once this visit; then their answer */
    recognition: 'known' | 'ask' | 'remembered' | 'declined' | 'forgotten';
  }
  /** `document`: what came out, shown beside the printer's paper so it can be checked */
  | { name: 'passbook-done'; printed: 'ok' | PrintProblem | 'failed'; document?: PaperDocument };

/** What a tablet sends a kiosk to show (the event cart.confirm). */
export type CartShown = { confirmationId: string; lang: Lang; lines: { name: string; qty: number; priceKopecks: number }[]; totalKopecks: number; expiresAt: string };

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
  /**
   * What the pickup counter's events say of an order (paid, goods brought, handed over by
   * staff), or that the kiosk lost the server while waiting for it (`offline`)
   */
  | { type: 'pickup'; orderCode: string; what: 'paid' | 'brought' | 'handed-over' | 'offline' }
  /** the sale's paper of a cart this kiosk confirmed came out (or not) */
  | { type: 'cart-printed'; confirmationId: string; printed: 'ok' | PrintProblem }
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
    case 'pickup':
      return { ...session, screen: pickupScreen(session.screen, action) };
    case 'cart-printed':
      return session.screen.name === 'cart-answered' && session.screen.confirmationId === action.confirmationId
        ? { ...session, screen: { ...session.screen, printed: action.printed } } : session;
    case 'wipe':
      return INITIAL_SESSION;
  }
}

/**
 * The waiting screen hears the pickup counter: the goods brought and the order paid (in
 * either order) go on to the summary; staff handing the order over on their tablet ends
 * it here. Losing the server while waiting goes where an offline kiosk goes from the
 * order screen: nothing more can reach it from a tablet, so a paid order goes on to the
 * summary (the desk hands the goods over) and an unpaid one to the desk to pay. Any other
 * screen, or another order's event (a late one of an earlier visit), changes nothing.
 */
function pickupScreen(screen: Screen, event: Extract<SessionAction, { type: 'pickup' }>): Screen {
  if (!('order' in screen) || screen.order.code !== event.orderCode) return screen;
  if (event.what === 'handed-over') return screen.name === 'waiting' || screen.name === 'summary' ? { name: 'staff', reason: 'handed-over' } : screen;
  if (screen.name !== 'waiting') return screen;
  if (event.what === 'offline') return screen.order.paid ? { name: 'summary', order: screen.order, verifiedBy: screen.verifiedBy, brought: screen.brought } : { name: 'staff', reason: 'unpaid' };
  const next = { ...screen, order: event.what === 'paid' ? { ...screen.order, paid: true } : screen.order, brought: screen.brought || event.what === 'brought' };
  return next.brought && next.order.paid ? { name: 'summary', order: next.order, verifiedBy: next.verifiedBy, brought: true } : next;
}
