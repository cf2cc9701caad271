/**
 * The names of the live events each reader listens for (an EventSource hears only the
 * names it asks for). No zod here: the kiosk loads this with its first screen.
 */

/** Addressed to one kiosk: who accepted its call for help; the order it waits for paid, brought, or handed over by staff; a cart to confirm; a document's copy to print. */
export const KIOSK_EVENTS = ['assistance.accepted', 'order.paid', 'pickup.brought', 'pickup.closed', 'cart.confirm', 'cart.print', 'document.print'] as const;

/** A branch's staff events: calls for help, the pickup counter, a customer's answer to a cart shown on a kiosk; a transaction rejected, and resolved; a device's state changed; a document copied. */
export const STAFF_EVENTS = ['assistance.requested', 'assistance.accepted', 'assistance.closed', 'pickup.waiting', 'pickup.brought', 'pickup.closed', 'order.paid', 'cart.answered', 'cart.printed', 'transaction.rejected', 'rejection.resolved', 'device.status', 'document.reprinted', 'document.printed', 'staff.sessionEnded'] as const;

/**
 * Addressed to one tablet: a staff session of it ended on the server (signed out, or its
 * sign-out arrived through the outbox). The stream of that session ends after it, and
 * the tablet, hearing it, leaves the staff screens.
 */
export const SESSION_ENDED_EVENT = 'staff.sessionEnded';
