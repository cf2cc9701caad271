/**
 * The names of the live events each reader listens for (an EventSource hears only the
 * names it asks for). No zod here: the kiosk loads this with its first screen.
 */

/** To every kiosk of a branch: what it pulls changed (a card issued or blocked, «Забыть меня», an order the shop changed): pull now. */
export const PULL_NOW_EVENT = 'pull.now';

/** Addressed to one kiosk: who accepted its call for help, and that staff closed it; the order it waits for paid, brought, handed over by staff or taken off their list; a cart to confirm; a document's copy to print; pull now. */
export const KIOSK_EVENTS = ['assistance.accepted', 'assistance.closed', 'order.paid', 'pickup.brought', 'pickup.closed', 'cart.confirm', 'cart.print', 'document.print', PULL_NOW_EVENT] as const;

/** A branch's staff events: calls for help, the pickup counter, a customer's answer to a cart shown on a kiosk; a transaction rejected, and resolved; a device's state changed; a document copied. */
export const STAFF_EVENTS = ['assistance.requested', 'assistance.accepted', 'assistance.closed', 'pickup.waiting', 'pickup.brought', 'pickup.closed', 'order.paid', 'cart.answered', 'cart.printed', 'transaction.rejected', 'rejection.resolved', 'device.status', 'document.reprinted', 'document.printed', 'staff.sessionEnded'] as const;

/**
 * Addressed to one tablet: a staff session of it ended on the server (signed out, or its
 * sign-out arrived through the outbox). The stream of that session ends after it, and
 * the tablet, hearing it, leaves the staff screens.
 */
export const SESSION_ENDED_EVENT = 'staff.sessionEnded';

/**
 * Addressed to one device: it was revoked (its token no longer works). Its event stream
 * ends after it; the device then finds its token refused and says so.
 */
export const DEVICE_REVOKED_EVENT = 'device.revoked';
