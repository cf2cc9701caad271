import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ean13CheckDigit } from '../../shared/domain/ean13';
import { formatReceiptNumber } from '../../shared/domain/receipt-number';
import { TRANSACTION_KINDS, type PushResponse, type StaffSession, type TransactionEnvelope, type TransactionKind } from '../../shared/protocol';
import { stringifyDeep } from '../../server/services/sync/stored-form';
import { createTestServer, type TestDevice, type TestServer } from './support/test-app';

/**
 * Issue 18, item 5: a property test. For every transaction kind, a valid payload with one
 * place made hostile (a string from the whole UTF-16 range with lone surrogates, NUL and
 * direction overrides; a number at or past the safe range; nesting thousands deep; a
 * time that is no time, or far from now) is pushed between two good transactions.
 * Always: an answer of 200 (never a 5xx), the two good ones applied (the batch never
 * stalls), the hostile one either applied or rejected, a replay answering the same, and
 * when it was rejected, nothing of it left in any table but its log row. On PGlite and
 * on PostgreSQL.
 */
let s: TestServer;
let kiosk: TestDevice;
let tablet: TestDevice;
let session: StaffSession;
let orderCode = '';
let saleId = '';

const card = (n: number) => { const first = String(460_000_000_000 + n).padStart(12, '0'); return `${first}${ean13CheckDigit(first)}`; };

/** A valid payload of each kind, as the devices send them (the server may still refuse it for the branch's state). */
function sample(kind: TransactionKind, device: TestDevice): Record<string, unknown> {
  const sid = session.sessionId;
  const receiptNumber = formatReceiptNumber(device.deviceCode, device.receiptCounter++);
  const samples: Record<TransactionKind, Record<string, unknown>> = {
    'order.pickedUp': { orderCode, receiptNumber, verifiedBy: 'staff', staffSessionId: sid },
    'order.paid': { orderCode, payment: { method: 'cash', amountKopecks: 199_000, tenderedKopecks: 200_000, changeKopecks: 1_000 }, staffSessionId: sid },
    'assistance.requested': { requestId: randomUUID(), screen: 'welcome', context: { step: 'welcome', lang: 'ru', largeText: false, voice: false } },
    'assistance.accepted': { requestId: randomUUID(), staffSessionId: sid },
    'assistance.resolved': { requestId: randomUUID(), staffSessionId: sid },
    'assistance.cancelled': { requestId: randomUUID() },
    'pickup.waiting': { orderCode },
    'pickup.brought': { orderCode, staffSessionId: sid },
    'pickup.left': { orderCode, staffSessionId: sid },
    'sale.completed': { saleId: randomUUID(), receiptNumber, lines: [{ sku: 'SKU-1', qty: 2, priceKopecks: 199_000 }], payment: { method: 'card', amountKopecks: 398_000, cardLast4: '1234' }, confirmedOn: 'tablet', staffSessionId: sid },
    'sale.refunded': { refundId: randomUUID(), saleId, receiptNumber, lines: [{ sku: 'SKU-1', qty: 1 }], staffSessionId: sid },
    'order.returned': { returnId: randomUUID(), orderCode, receiptNumber, lines: [{ sku: 'SKU-1', qty: 1, serials: ['SN-1'] }], staffSessionId: sid, paperLang: 'ru' },
    'rejection.resolved': { transactionId: randomUUID(), action: 'handled', note: 'Разобрались', staffSessionId: sid },
    'document.reprinted': { receiptNumber: 'MSK1-T01-000001', printedOn: device.deviceCode, staffSessionId: sid },
    'passbook.printed': { cardHash: 'a'.repeat(64), fromLine: 1, throughLine: 2, page: 1, line: 2 },
    'customer.preferences': { cardNumber: card(1), preferences: { lang: 'ru', large: true, contrast: false, voice: false }, consent: { at: new Date().toISOString(), version: 'v1' }, staffSessionId: sid },
    'customer.enrolled': { customerId: randomUUID(), cardNumber: card(2), secretHash: 'a'.repeat(64), shortName: 'Иван П.', ledgerConsent: { at: new Date().toISOString(), version: 'v1' }, staffSessionId: sid },
    'staff.signedOut': { staffSessionId: sid, reason: 'signed-out' },
  };
  const p = samples[kind];
  // A kiosk's kinds carry no staff session.
  if (device.role === 'kiosk') delete p['staffSessionId'];
  if (kind === 'order.pickedUp' && device.role === 'kiosk') p['verifiedBy'] = 'qr';
  return p;
}

const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 30 }),
  fc.constantFrom('\ud800', 'a\udc00b', '\u0000', 'x\u202ey', '\u200b', '\u001b@', '😀'.slice(0, 1), '', ' '.repeat(5000)),
  // Times that pass a plain ISO format and break a database or whoever reads them back.
  fc.constantFrom('0000-06-01T00:00:00Z', '2026-01-01T00:00:00+16:00', '9999-12-31T23:59:59-14:00', '2026-02-30T00:00:00Z'),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER, 2 ** 31, 2 ** 31 - 1, -1, 0, 1e308, -0, 0.5, 9_007_199_254_740_991),
  fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const hostileDeep = fc.integer({ min: 33, max: 6000 }).map((depth) => { let v: unknown = 'x'; for (let i = 0; i < depth; i++) v = { v }; return v; });
const hostileValue = fc.oneof(hostileString, hostileNumber, hostileDeep, fc.constantFrom(null, true, [], {}));
const hostileTime = fc.oneof(
  fc.constant(null),
  fc.constantFrom('0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-02-30T10:00:00Z', '2026-12-02T10:00:00+15:59', '2026-12-02T24:00:00Z', '1000-01-01T00:00:00Z', 'now'),
);

/** Replaces one leaf (picked by `at`) of the payload, or adds a field when it has none to pick. */
function spoil(payload: Record<string, unknown>, at: number, value: unknown): Record<string, unknown> {
  const copy = structuredClone(payload);
  const leaves: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (node: Record<string, unknown> | unknown[]) => {
    for (const [k, v] of Object.entries(node)) {
      const key = Array.isArray(node) ? Number(k) : k;
      if (v !== null && typeof v === 'object') walk(v as Record<string, unknown>);
      else leaves.push([node, key]);
    }
  };
  walk(copy);
  const [node, key] = leaves[at % (leaves.length + 1)] ?? [copy, 'extra'];
  (node as Record<string | number, unknown>)[key] = value;
  return copy;
}

/** Rows in every table of the schema but those every push writes (the log, the events, the devices' marks). */
async function tableCounts(): Promise<Record<string, number>> {
  const { rows: tables } = await s.db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
       AND table_name NOT IN ('transactions', 'events', 'branch_event_counters', 'devices', 'device_seq_gaps', 'assistance_requests', 'schema_migrations', 'audit_log')`,
  );
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t.name] = (await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t.name}"`)).rows[0]!.n;
  return counts;
}

beforeAll(async () => {
  s = await createTestServer();
  await s.addBranch('MSK1');
  kiosk = await s.enroll('MSK1');
  tablet = await s.enroll('MSK1', 'tablet');
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Иванова', role: 'supervisor', pin: '2468' });
  session = (await s.signIn(tablet, '1001', '2468'));
  await s.app.inject({ method: 'PUT', url: '/api/v1/admin/products/SKU-1', headers: s.adminAuth, payload: { nameRu: 'Чайник', nameEn: 'Kettle', priceKopecks: 199_000, warrantyMonths: 12, serialRequired: false } });
  orderCode = await s.putOrder('MSK1', { paid: true });
  saleId = randomUUID();
}, 60_000);
afterAll(() => s?.close());

const good = (device: TestDevice): TransactionEnvelope => ({
  id: randomUUID(), seq: device.nextSeq++, kind: 'pickup.left', occurredAt: new Date().toISOString(),
  payload: device.role === 'kiosk' ? { orderCode } : { orderCode, staffSessionId: session.sessionId },
});

describe('hostile payloads of every kind: never a 5xx, never a stalled batch, nothing half-applied', () => {
  const kinds = Object.keys(TRANSACTION_KINDS) as TransactionKind[];
  it.each(kinds)('%s', async (kind) => {
    const device = TRANSACTION_KINDS[kind].senders.includes('tablet') ? tablet : kiosk;
    await fc.assert(fc.asyncProperty(fc.nat(), hostileValue, hostileTime, async (at, value, time) => {
      const before = await tableCounts();
      const hostile: TransactionEnvelope = {
        id: randomUUID(), seq: 0, kind, occurredAt: time ?? new Date().toISOString(), payload: spoil(sample(kind, device), at, value),
      };
      // Signed as the tablet signs its staff's work: the hostile one too, so only its content can refuse it.
      const batch = [good(device), { ...hostile, seq: device.nextSeq++ }, good(device)].map((tx) => s.staffKeys.sign(tx));
      const body = `{"transactions":${stringifyDeep(batch)}}`;
      const headers = { ...device.auth, 'content-type': 'application/json', ...(device === tablet ? { 'x-staff-session': session.sessionToken } : {}) };
      const res = await s.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers, payload: body });
      expect(res.statusCode, res.body).toBe(200);
      const results = (res.json() as PushResponse).results;
      // A spoilt sign-out that is still a sign-out (an unknown field is read past: a newer
      // release's) ends the session, and rightly refuses the staff work after it.
      const signedOut = kind === 'staff.signedOut' && results[1]!.status === 'applied';
      expect(results.map((r) => r.status === 'rejected' ? r.reason : 'ok')).toEqual(['ok', expect.anything(), signedOut ? 'staff-session-invalid' : 'ok']);
      // Hostile input is refused at the edge: a server-error would mean it reached code that failed on it.
      expect(results[1]!.reason, results[1]!.detail).not.toBe('server-error');
      if (results[1]!.status === 'rejected') expect(await tableCounts()).toEqual(before);
      const again = await s.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers, payload: body });
      expect(again.statusCode).toBe(200);
      expect((again.json() as PushResponse).results.map((r) => r.reason ?? 'ok')).toEqual(['ok', results[1]!.reason ?? 'ok', signedOut ? 'staff-session-invalid' : 'ok']);
      if (signedOut) session = await s.signIn(tablet, '1001', '2468');
    }), { numRuns: 25 });
  }, 120_000);
});
