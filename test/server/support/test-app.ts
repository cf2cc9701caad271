import { ADMIN_FEEDS } from '../../../server/repositories/admin-token-repo';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app';
import type { Db } from '../../../server/db/db';
import { buildServices } from '../../../server/services';
import type { StaffSessionSettings } from '../../../server/services/staff-session-service';
import { makeOrderCode } from '../../../shared/domain/order-code';
import { formatReceiptNumber } from '../../../shared/domain/receipt-number';
import type { EnrollResponse, OrderInput, StaffSession, TransactionEnvelope } from '../../../shared/protocol';
import { sessionKeyPair, TestStaffKeys } from './staff-keys';
import { createTestDb } from './test-db';
import { logOptions } from '../../../server/http/log-options';
import type { RateLimits } from '../../../server/http/rate-limits';

export type TestDevice = EnrollResponse & { auth: { authorization: string }; nextSeq: number; receiptCounter: number };

/** An in-process server on its own database, with helpers that speak the real API. */
export async function createTestServer(options: { fromDump?: Blob; poolSize?: number; bodyLimit?: number; staffSessions?: StaffSessionSettings; kioskRetentionDays?: number; passbookFullLines?: number; salePriceTolerancePercent?: number; logLines?: string[]; appOrigins?: string[]; rateLimits?: Partial<RateLimits>; metricsToken?: string } = {}) {
  const db: Db = await createTestDb(options);
  const services = buildServices(db, undefined, {
    ...(options.staffSessions ? { staffSessions: options.staffSessions } : {}), ...(options.kioskRetentionDays ? { kioskRetentionDays: options.kioskRetentionDays } : {}),
    ...(options.passbookFullLines ? { passbookFullLines: options.passbookFullLines } : {}),
    ...(options.salePriceTolerancePercent !== undefined ? { salePriceTolerancePercent: options.salePriceTolerancePercent } : {}),
  });
  // The server's own log options, written to an array the test reads.
  const logger = options.logLines ? logOptions({ level: 'info', stream: { write: (line: string) => { options.logLines!.push(line); } } }) : false;
  const app: FastifyInstance = await buildApp({ db, services, logger, ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}), ...(options.appOrigins ? { appOrigins: options.appOrigins } : {}), ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}), ...(options.metricsToken ? { metricsToken: options.metricsToken } : {}) });
  // A kiosk hands over only goods staff brought to it (order-picked-up.ts, `not-brought`).
  // `pickup()` is a kiosk's handover as it happens in the branch: after a tablet's
  // pickup.brought. The wait it needs is written before the next request is handled, so
  // envelopes built from it (spread, replayed, injected directly) all find it.
  const broughtWaits: { orderCode: string; deviceId: string }[] = [];
  // Every request waits for the waits queued before it: requests sent at once (a race
  // test) must not run beside the insert, or a push could lock the order before its wait is there.
  let flushed: Promise<void> = Promise.resolve();
  app.addHook('onRequest', async () => {
    // One row per order (the latest kiosk), as the table holds: one statement cannot upsert a row twice.
    const waits = [...new Map(broughtWaits.splice(0).map((w) => [w.orderCode, w])).values()];
    if (waits.length > 0) {
      const insert = flushed.then(() => db.query(
        `INSERT INTO pickup_waits (order_code, device_id, status, waited_at, brought_at)
         SELECT v."orderCode", v."deviceId", 'brought', now(), now() FROM json_to_recordset($1::json) AS v("orderCode" text, "deviceId" uuid)
         WHERE EXISTS (SELECT 1 FROM pickup_orders o WHERE o.code = v."orderCode")
         ON CONFLICT (order_code) DO UPDATE SET device_id = EXCLUDED.device_id, status = 'brought', brought_at = now()`,
        [JSON.stringify(waits)],
      )).then(() => undefined);
      flushed = insert.catch(() => undefined);
      await insert;
    } else {
      await flushed;
    }
  });
  const adminAuth = { authorization: `Bearer ${(await services.adminTokens.create({ label: 'test', feeds: [...ADMIN_FEEDS], branchCodes: null, days: null })).token}` };
  let orderNumber = 1000;

  async function addBranch(code: string): Promise<string> {
    const id = randomUUID();
    await services.repos.branches.insert(db, { id, code, name: `Филиал ${code}`, legalName: 'ООО «Тест»', inn: '7701234561', address: 'г. Москва' });
    return id;
  }

  async function enroll(branchCode: string, role: 'kiosk' | 'tablet' = 'kiosk'): Promise<TestDevice> {
    const { code } = await services.enrollment.createCode({ branchCode, role });
    const res = await app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code } });
    if (res.statusCode !== 201) throw new Error(`enroll failed: ${res.body}`);
    const body = res.json() as EnrollResponse;
    return { ...body, auth: { authorization: `Bearer ${body.token}` }, nextSeq: 1, receiptCounter: 1 };
  }

  async function putOrder(branchCode: string, overrides: Partial<OrderInput> = {}): Promise<string> {
    const code = makeOrderCode(orderNumber++);
    const payload: OrderInput = {
      branchCode,
      customerName: 'Иван Петрович Петров',
      phone: '+7 916 123-45-67',
      items: [{ sku: 'SKU-1', name: 'Чайник электрический', quantity: 1, priceKopecks: 199_000 }],
      paid: true,
      shelf: 'B4',
      status: 'ready',
      ...overrides,
    };
    const res = await app.inject({ method: 'PUT', url: `/api/v1/admin/orders/${code}`, headers: adminAuth, payload });
    if (res.statusCode >= 300) throw new Error(`putOrder failed: ${res.body}`);
    return code;
  }

  /** Staff brought the goods of this order to this kiosk: written before the next request is handled. */
  function bring(kioskId: string, orderCode: string): void {
    broughtWaits.push({ orderCode, deviceId: kioskId });
  }

  /**
   * A pickup transaction as a kiosk would queue it: next seq, next receipt number; by
   * default with the goods brought to that kiosk by staff (see `broughtWaits`), as every
   * kiosk handover in a branch is. `brought: false`: the customer's word alone.
   */
  function pickup(device: TestDevice, orderCode: string, { brought = true }: { brought?: boolean } = {}): TransactionEnvelope {
    if (brought && device.role === 'kiosk') bring(device.deviceId, orderCode);
    return {
      id: randomUUID(),
      seq: device.nextSeq++,
      kind: 'order.pickedUp',
      occurredAt: new Date().toISOString(),
      payload: { orderCode, receiptNumber: formatReceiptNumber(device.deviceCode, device.receiptCounter++), verifiedBy: 'qr' },
    };
  }

  /** The test's tablets' session keys: what `push` signs staff transactions with. */
  const staffKeys = new TestStaffKeys();

  /** A staff member signs in on a tablet as the tablet does: with a fresh session key, kept for `push`. */
  async function signIn(device: TestDevice, employeeNo: string, pin: string): Promise<StaffSession> {
    const key = sessionKeyPair();
    const res = await app.inject({ method: 'POST', url: '/api/v1/staff/sessions', headers: device.auth, payload: { employeeNo, pin, publicKey: key.publicKey } });
    if (res.statusCode !== 201) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
    const session = res.json() as StaffSession;
    staffKeys.remember(session.sessionId, key.privateKey);
    return session;
  }

  /** A push as the device sends it: staff transactions of a session signed in with `signIn` carry its signature. */
  async function push(device: TestDevice, transactions: TransactionEnvelope[]) {
    return app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: device.auth, payload: { transactions: transactions.map((tx) => staffKeys.sign(tx)) } });
  }

  async function orderStatus(code: string): Promise<string | undefined> {
    const { rows } = await db.query<{ status: string }>('SELECT status FROM pickup_orders WHERE code = $1', [code]);
    return rows[0]?.status;
  }

  async function close() {
    await app.close();
    await db.close();
  }

  return { db, app, services, adminAuth, addBranch, enroll, putOrder, pickup, bring, push, signIn, staffKeys, orderStatus, close };
}
export type TestServer = Awaited<ReturnType<typeof createTestServer>>;

/** The usual start of a server test: a fresh server with one branch and one enrolled kiosk. */
export async function serverWithKiosk(branchCode = 'MSK1', options: Parameters<typeof createTestServer>[0] = {}): Promise<{ s: TestServer; kiosk: TestDevice }> {
  const s = await createTestServer(options);
  await s.addBranch(branchCode);
  return { s, kiosk: await s.enroll(branchCode) };
}
