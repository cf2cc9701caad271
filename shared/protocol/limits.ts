/**
 * Numbers both sides must agree on, in a module of their own so a device can read them
 * without loading every schema (the kiosk loads the zod schemas after its first screen).
 */
export const MAX_PUSH_BATCH = 500;

/**
 * The sync protocol version. Bump SYNC_PROTOCOL_VERSION when a change would make an
 * older device misread a response (adding optional fields or a new transaction kind
 * does not need it); raise MIN_SYNC_PROTOCOL_VERSION when this server stops serving
 * older devices. Devices send theirs in PROTOCOL_HEADER on every request; a server that
 * cannot serve it answers 426 with the code "protocol-version".
 */
export const SYNC_PROTOCOL_VERSION = 1;
export const MIN_SYNC_PROTOCOL_VERSION = 1;
export const PROTOCOL_HEADER = 'x-okno-protocol';

/**
 * Every API answer carries the server's clock (milliseconds since the epoch) in this
 * header. Devices learn from it how far their own clock is off, and stamp transactions
 * with the corrected time: every rule that compares times (a staff session's hours, the
 * last word on preferences, the day of a report) uses the server's time, never a
 * device's clock, which may be a day off.
 */
export const SERVER_TIME_HEADER = 'x-okno-server-time';
