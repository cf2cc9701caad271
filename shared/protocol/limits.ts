/**
 * Numbers both sides must agree on, in a module of their own so a device can read them
 * without loading every schema (the kiosk loads the zod schemas after its first screen).
 */
export const MAX_PUSH_BATCH = 500;
