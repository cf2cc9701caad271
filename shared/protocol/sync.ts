import { z } from 'zod';
import { IsoDateTime, Uuid } from './common';
import { Order, Product } from './catalogue';
import { BranchInfo } from './branch';
import { MAX_PUSH_BATCH, SYNC_PROTOCOL_VERSION } from './limits';
import { PassbookHolding } from './passbook';

/** The sync API, at SYNC_PROTOCOL_VERSION (limits.ts says when to bump it). */
export { MAX_PUSH_BATCH, SYNC_PROTOCOL_VERSION };

/** One queued transaction. `payload` is checked against its kind's schema per transaction. */
export const TransactionEnvelope = z.object({
  id: Uuid.describe('made on the device (UUIDv7); the server keeps it unique forever'),
  seq: z.number().int().min(1).safe().describe('the device’s own counter: 1, 2, 3, …'),
  kind: z.string().regex(/^[a-z][A-Za-z0-9.-]{0,59}$/, 'kind: a name like order.pickedUp').describe('the transaction kind; one this server does not know yet is answered "deferred" (unsupported-kind): never refused for good'),
  // Not IsoDateTime here: a time that is no real time (30 February, year 0000) must reject
  // its own transaction (safe-input.ts, occurredAtProblem), not the whole batch.
  occurredAt: z.string().min(1).max(40).describe('the server’s time when it happened, as the device knows it (its own clock corrected by the offset it learned from X-Okno-Server-Time); ISO 8601 with a time zone. Every rule that compares times uses it; never used for ordering. No real time, or more than 60 days before or 2 days after the server’s time: that transaction alone is rejected'),
  deviceTime: z.string().max(40).optional().describe('added to the contract: the device’s own clock at the same moment, uncorrected; kept in the log to tell a wrong clock from a wrong time, never used by a rule'),
  signature: z.string().max(200).optional().describe('added to the contract: a staff-authored transaction’s proof, base64 ECDSA P-256 (IEEE P1363) by the staff session’s own key over shared/domain/staff-proof.ts’s message'),
  payload: z.record(z.string(), z.unknown()),
});
export type TransactionEnvelope = z.infer<typeof TransactionEnvelope>;

export const PushRequest = z.object({
  deviceId: Uuid.optional().describe('if given, must be the token’s device'),
  transactions: z.array(TransactionEnvelope).min(1).max(MAX_PUSH_BATCH),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const RejectReason = z.enum([
  'unknown-order', // no order with this code exists
  'already-picked-up', // the order was picked up before (at this or another kiosk)
  'order-cancelled', // the shop cancelled the order
  'other-branch', // the order belongs to another branch
  'receipt-number-foreign', // the receipt number does not carry this device's code
  'receipt-number-reused', // another transaction already used this receipt number
  'seq-reused', // this device already sent another transaction with the same seq
  'id-conflict', // this id was used before with a different payload or by another device
  'unsupported-kind', // with status "deferred": this server does not know the transaction kind yet (a newer device); it is sent again later
  'invalid-payload', // the payload does not match its kind's schema
  'role-forbidden', // a device of this role, or a staff member of this role, may not send this kind
  'staff-session-invalid', // the staff session named is not this device's, or was not open when the transaction happened
  'already-paid', // order.paid: the order was paid before
  'amount-mismatch', // order.paid: the amount is not the order's total
  'request-exists', // assistance.requested: a request with this id was made before
  'unknown-request', // assistance.*: no such request for help
  'already-accepted', // assistance.accepted: another staff member took it first
  'request-closed', // assistance.*: the request was resolved or cancelled
  'not-waiting', // pickup.brought: no customer waits for this order at a kiosk
  'unknown-sku', // sale.completed: a product the catalogue does not have
  'sale-exists', // sale.completed: another transaction made a sale with this id
  'unknown-sale', // sale.refunded: no such sale
  'refund-exists', // sale.refunded, order.returned: another transaction made a refund or return with this id
  'not-in-sale', // sale.refunded: the product, or a serial number, is not in that sale
  'over-refund', // sale.refunded, order.returned: more than was sold (handed over) less what came back already, or a serial that came back before
  'serials-required', // sale.refunded, order.returned: a product with serial numbers is returned by its units' serials
  'not-picked-up', // order.returned: the order was never handed over (still on the shelf, or cancelled): nothing to take back
  'not-in-order', // order.returned: the product is not in that order
  'unknown-rejection', // rejection.resolved: no rejected transaction with this id in the branch
  'already-resolved', // rejection.resolved: the rejection was resolved before (by another supervisor, say)
  'unknown-correction', // rejection.resolved: the correcting transaction is not an applied one of the branch
  'unknown-document', // document.reprinted: the branch issued no receipt or slip with this number
  'unknown-card', // passbook.*: no card holder with this card number
  'beyond-ledger', // passbook.printed: the book has no such line yet
  'card-in-use', // customer.enrolled: the card already has a holder, or was blocked
  'customer-exists', // customer.enrolled: another transaction made a holder with this id
  'not-paid', // order.pickedUp: the order is still to be paid (staff record the payment first)
  'not-brought', // order.pickedUp: a kiosk's handover of goods no staff member brought to it (pickup.brought) nor checked (verifiedBy "staff")
  'price-out-of-range', // sale.completed: a line's price is further from the catalogue's than the back office allows
  'card-secret-mismatch', // customer.enrolled: the old card scanned to move its book is not that card (its secret does not match)
  'server-error', // the server failed on this transaction alone (a bug): it is kept for staff, the rest of the batch applied
]);
export type RejectReason = z.infer<typeof RejectReason>;

export const PushResult = z.object({
  id: Uuid,
  status: z.enum(['applied', 'duplicate', 'rejected', 'deferred']).describe('added to the contract: "deferred", a kind this server does not know yet (reason unsupported-kind): not refused and not logged; the device keeps it and sends it again later'),
  reason: RejectReason.optional(),
  detail: z.string().optional().describe('for people: which field or rule, never personal data'),
});
export type PushResult = z.infer<typeof PushResult>;

export const PushResponse = z.object({ results: z.array(PushResult) });
export type PushResponse = z.infer<typeof PushResponse>;

export const PullQuery = z.object({
  cursor: z.string().max(2000).optional().describe('opaque; omit for the first pull'),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  branch: z.string().optional().describe('if given, must be the token’s branch code'),
  rotate: z.literal('1').optional().describe('added (issue 22): this device keeps a new token it is given (PullResponse.newToken); only such a device’s token is rotated'),
});
export type PullQuery = z.infer<typeof PullQuery>;

export const PullResponse = z.object({
  cursor: z.string(),
  hasMore: z.boolean(),
  serverTime: IsoDateTime,
  branch: BranchInfo.describe('the device’s branch as it is now: the seller on its paper'),
  retentionDays: z.number().int().min(1).default(30).describe('how long the device keeps picked-up orders and their paper before it purges them'),
  keepSettledDays: z.number().int().min(1).default(7).describe('added for restores: how long the device keeps transactions the server acknowledged, to push them again after the server was restored to an earlier point'),
  deviceLastSeq: z.number().int().min(0).optional().describe('added for restores: the highest seq of this device the server holds. A device that settled a higher one pushes what it kept again; the server applies what it lacks, once. Absent from an older server'),
  newToken: z.string().regex(/^okd_[A-Za-z0-9_-]{43}$/).optional().describe('added (issue 22): this device’s new token, when its own was due to be replaced. The device keeps it and uses it from now on; the one it sent works a grace period more (OKNO_DEVICE_TOKEN_GRACE_DAYS), so an answer lost on the way costs nothing'),
  passbookFullLines: z.number().int().min(1).default(30).describe('a passbook printout of more new lines prints the older ones as one summary line, and this many in full'),
  hashKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/).optional().describe('the branch’s key for card and phone-digit hashes (32 bytes, base64url): devices key the hashes they compare with it and keep it only as a non-extractable WebCrypto key. Absent from a server older than the keyed hashes'),
  changes: z.object({
    orders: z.array(Order),
    products: z.array(Product),
    passbooks: z.array(PassbookHolding).default([]).describe('the branch’s card holders whose holding changed (a kiosk’s pull; a tablet gets none)'),
  }),
});
export type PullResponse = z.infer<typeof PullResponse>;
