import type { PrintProblem } from '../bridge/host-bridge';
import type { Lang } from '../../shared/domain/money';
import type { Order, OrderPickedUpPayload } from '../../shared/protocol';
import type { PassbookRow, ReceiptRow } from '../db/kiosk-db';

/** Why a waiting customer is sent to the desk: see the waiting screen. */
export type DeskReason = 'offline' | 'nobody' | 'dismissed';

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
   * `desk`: why the customer is (also) sent to the «Окно» desk with the order's code while
   * the wait goes on: no server (nothing reaches a tablet now), nobody signed in to hear
   * it, or staff took the wait off their list.
   */
  | { name: 'waiting'; order: Order; verifiedBy: OrderPickedUpPayload['verifiedBy']; brought: boolean; desk: DeskReason | null }
  /**
   * The goods are here, brought by staff: the customer checks them and confirms. Only
   * ever reached from the waiting screen with the goods brought: a kiosk never records a
   * handover on the customer's word alone (the server refuses one: `not-brought`).
   */
  | { name: 'summary'; order: Order; verifiedBy: OrderPickedUpPayload['verifiedBy'] }
  | { name: 'done'; receipt: ReceiptRow; printProblem: PrintProblem | null }
  /**
   * A person takes over: after repeated failures, a problem, an unpaid order while offline
   * (the service desk takes the payment), or staff handed the order over on their tablet.
   */
  | {
    name: 'staff'; reason: 'too-many' | 'problem' | 'handed-over'; orderCode?: string;
    /** too-many: the step where the tries ran out (what the customer typed there), for the staff member called */
    step?: Screen;
  }
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
  /**
   * `statement`: what came out (its number, how many lines, the balance carried forward),
   * said in words; `remember`: the holder's question still to come, on its own screen.
   */
  | { name: 'passbook-done'; printed: 'ok' | PrintProblem | 'failed'; statement?: PrintedStatement; remember: RememberStep | null }
  /**
   * One decision on its own screen, after the printout: remember this holder's settings
   * (`ask`), or forget them (`known`); then what they answered.
   */
  | { name: 'passbook-remember'; book: PassbookRow; recognition: 'ask' | 'known' | 'remembered' | 'declined' | 'forgotten' };

export type PrintedStatement = { number: string; lines: number; balanceKopecks: number };
export type RememberStep = { book: PassbookRow; recognition: 'ask' | 'known' };

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
   * Staff closed this visit's call: resolved it, or handed its order over at the desk
   * (`orderCode`); the kiosk leaves «К вам идёт …», and a handed-over order, and a new
   * call may be made.
   */
  | { type: 'help-closed'; requestId: string; how: 'resolved' | 'handed-over'; orderCode: string | null }
  /**
   * What the pickup counter's events say of an order (paid, goods brought, handed over by
   * staff, taken off the tablets' list), that the kiosk lost the server while waiting
   * for it (`offline`) and has it again (`online`), or that no signed-in staff member can
   * hear it (`nobody`) and someone can again (`heard`)
   */
  | { type: 'pickup'; orderCode: string; what: 'paid' | 'brought' | 'handed-over' | 'dismissed' | 'offline' | 'online' | 'nobody' | 'heard' }
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
        ? { ...session, failures, screen: { name: 'staff', reason: 'too-many', step: action.screen } }
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
    case 'help-closed': {
      if (session.help?.id !== action.requestId) return session;
      const screen = session.screen;
      const handedOver = action.how === 'handed-over' && 'order' in screen && screen.order.code === action.orderCode;
      return { ...session, help: null, helpOpen: false, screen: handedOver ? { name: 'staff', reason: 'handed-over' } : screen };
    }
    case 'pickup': {
      // The waiting screen hears the sync status every round: an event that changes nothing
      // keeps the same session, so nothing renders again.
      const screen = pickupScreen(session.screen, action);
      return screen === session.screen ? session : { ...session, screen };
    }
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
 * it here. Losing the server while waiting never moves the customer on to confirm goods
 * nobody brought: the wait goes on (the goods may still come once the kiosk is back, and
 * its queued wait reaches the tablets) and the screen also sends the customer to the desk
 * with the order's code, where a tablet, offline or not, can hand it over. Staff taking
 * the wait off their list do the same. Any other screen, or another order's event (a late
 * one of an earlier visit), changes nothing.
 */
function pickupScreen(screen: Screen, event: Extract<SessionAction, { type: 'pickup' }>): Screen {
  if (!('order' in screen) || screen.order.code !== event.orderCode) return screen;
  if (event.what === 'handed-over') return screen.name === 'waiting' || screen.name === 'summary' ? { name: 'staff', reason: 'handed-over' } : screen;
  if (screen.name !== 'waiting') return screen;
  switch (event.what) {
    // Brought, the staff member is here with the goods (and hands them over on their
    // tablet, which works offline): the customer is not sent away from them.
    case 'offline': return screen.desk || screen.brought ? screen : { ...screen, desk: 'offline' };
    case 'online': return screen.desk === 'offline' ? { ...screen, desk: null } : screen;
    case 'nobody': return screen.desk || screen.brought ? screen : { ...screen, desk: 'nobody' };
    case 'heard': return screen.desk === 'nobody' ? { ...screen, desk: null } : screen;
    case 'dismissed': return { ...screen, desk: 'dismissed' };
    case 'paid': case 'brought': {
      const next = { ...screen, order: event.what === 'paid' ? { ...screen.order, paid: true } : screen.order, brought: screen.brought || event.what === 'brought' };
      // Brought, the goods are here: whatever sent the customer to the desk is past.
      if (next.brought) next.desk = null;
      return next.brought && next.order.paid ? { name: 'summary', order: next.order, verifiedBy: next.verifiedBy } : next;
    }
  }
}
