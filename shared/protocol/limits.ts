/**
 * Numbers both sides must agree on, in a module of their own so a device can read them
 * without loading every schema (the kiosk loads the zod schemas after its first screen).
 */
export const MAX_PUSH_BATCH = 500;

/**
 * The sync protocol version (docs/architecture.md, "Compatibility"). Bump
 * SYNC_PROTOCOL_VERSION when a change would make the other side misread a request or a
 * response; adding a field or a transaction kind does not need it (tolerant.ts, and a kind
 * a server does not know yet is "deferred"). Raise MIN_SYNC_PROTOCOL_VERSION when a release
 * stops speaking an older one. Both sides exchange them on every request: a device sends
 * the newest it speaks in PROTOCOL_HEADER and its oldest in PROTOCOL_MIN_HEADER; the server
 * serves the newest both speak and says which in PROTOCOL_HEADER, or, with none in common,
 * answers 426 "protocol-version" naming which side needs the update.
 */
export const SYNC_PROTOCOL_VERSION = 1;
export const MIN_SYNC_PROTOCOL_VERSION = 1;
export const PROTOCOL_HEADER = 'x-okno-protocol';
export const PROTOCOL_MIN_HEADER = 'x-okno-protocol-min';

/**
 * Every API answer carries the server's clock (milliseconds since the epoch) in this
 * header. Devices learn from it how far their own clock is off, and stamp transactions
 * with the corrected time: every rule that compares times (a staff session's hours, the
 * last word on preferences, the day of a report) uses the server's time, never a
 * device's clock, which may be a day off.
 */
export const SERVER_TIME_HEADER = 'x-okno-server-time';
