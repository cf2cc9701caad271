/**
 * The names of the live events each reader listens for (an EventSource hears only the
 * names it asks for). No zod here: the kiosk loads this with its first screen.
 */

/** Addressed to one kiosk: who accepted its call for help; the order it waits for paid, brought, or handed over by staff. */
export const KIOSK_EVENTS = ['assistance.accepted', 'order.paid', 'pickup.brought', 'pickup.closed'] as const;

/** A branch's staff events: calls for help and the pickup counter. */
export const STAFF_EVENTS = ['assistance.requested', 'assistance.accepted', 'assistance.closed', 'pickup.waiting', 'pickup.brought', 'pickup.closed', 'order.paid'] as const;
