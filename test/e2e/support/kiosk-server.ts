import { ADMIN_FEEDS } from '../../../server/repositories/admin-token-repo';
import type { KeyObject } from 'node:crypto';
import { sessionKeyPair, signWith } from '../../server/support/staff-keys';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kioskCsp } from '../../../shared/protocol/csp';
import { makeCertificate } from '../../../server/local/lan-certificate';
import { Agent, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { buildApp } from '../../../server/app';
import { logOptions } from '../../../server/http/log-options';
import type { Db } from '../../../server/db/db';
import { migrate } from '../../../server/db/migrate';
import { openPglite } from '../../../server/db/pglite-db';
import { TEST_KIOSK_DIR } from '../../../scripts/build-kiosk';
import { demoData } from '../../../server/seed/demo-data';
import { seedDemo } from '../../../server/seed/seed-demo';
import { buildServices } from '../../../server/services';
import { formatScanCode } from '../../../shared/domain/scan-code';
import { formatCardCode } from '../../../shared/domain/card-code';
import { ean13CheckDigit } from '../../../shared/domain/ean13';
import { randomUUID } from 'node:crypto';
import type { PushResponse, StaffSession } from '../../../shared/protocol';
import { STAFF_SESSION_HEADER } from '../../../shared/protocol/staff';
import { eventually } from '../../support/eventually';

/**
 * How the pages reach the server (issue 19): served by it on its own origin (as tests
 * always did); or as deployed: served from another origin (the built bundle on a second
 * port, as a page in the Electron shell or on a host of its own is), calling the API
 * across origins, with both speaking HTTPS with a generated certificate (as a branch's
 * server does with OKNO_TLS_CERT and OKNO_TLS_KEY). One mode holds both, so the journeys
 * run once more, not twice: what either alone would catch (CORS, the stream's headers,
 * TLS) the two together catch as well.
 */
export type DeployMode = 'same-origin' | 'deployed';

let certificate: Promise<{ cert: string; key: string }> | null = null;

/**
 * The real server on PGlite with the demo data, listening on 127.0.0.1, serving the built
 * kiosk. `stop()` closes the listener and `start()` opens it again on the same port with
 * the same database: a server outage as the kiosk sees it.
 */
export async function startKioskServer(options: { logLines?: string[]; deploy?: DeployMode } = {}) {
  const deploy = options.deploy ?? 'same-origin';
  // Cross-origin: the pages come from a server of their own, which stays up when the API goes down.
  const https = deploy === 'deployed' ? await (certificate ??= makeCertificate({ dns: ['localhost', 'okno.lan'], ips: ['127.0.0.1'] })) : null;
  const pages = https ? await startPageServer(https) : null;
  // The helpers below speak to the API with Node's fetch, which must trust that
  // certificate too (the one dispatcher Node's fetch uses, restored on close).
  const previousDispatcher = https ? getGlobalDispatcher() : null;
  if (https) setGlobalDispatcher(new Agent({ connect: { ca: https.cert } }));
  const db: Db = await openPglite();
  await migrate(db);
  const services = buildServices(db);
  await seedDemo(db, services);
  const demo = demoData();
  let app: FastifyInstance | null = null;
  let port = 0;

  async function start() {
    if (app) return;
    // With `logLines`, the server's own log options writing to that array (privacy.test.ts reads it).
    const logger = options.logLines ? logOptions({ level: 'info', stream: { write: (line: string) => { options.logLines!.push(line); } } }) : false;
    const next = await buildApp({
      db, services, kioskDir: TEST_KIOSK_DIR, logger,
      ...(pages ? { appOrigins: [pages.origin] } : {}), ...(https ? { https } : {}),
    });
    await next.listen({ host: '127.0.0.1', port });
    port = (next.server.address() as { port: number }).port;
    app = next;
  }
  async function stop() {
    await app?.close();
    app = null;
  }
  await start();
  /** The API's address. */
  const url = () => `${https ? 'https' : 'http'}://127.0.0.1:${port}`;
  pages?.setApi(url());

  /**
   * A kiosk link that enrols a new demo kiosk, with the fake host so tests can read prints
   * and speech. Cross-origin, the page's own server serves it and the link says where the
   * API is (`?server=`), once.
   */
  async function kioskLink(extra = 'host=fake', role: 'kiosk' | 'tablet' = 'kiosk'): Promise<string> {
    const { code } = await services.enrollment.createCode({ branchCode: 'MSK1', role, ...(role === 'kiosk' ? { place: 'у входа' } : {}) });
    const page = `${pages ? pages.origin : url()}/${role === 'tablet' ? 'staff' : 'kiosk'}/?enroll=${code}&${extra}`;
    return pages ? `${page}&server=${encodeURIComponent(url())}` : page;
  }

  /** Ready demo orders not yet used by this test file: each pickup consumes one. */
  const used = new Set<string>();
  function takeOrder(paid = true) {
    const order = demo.orders.find((o) => o.input.paid === paid && (o.input.status ?? 'ready') === 'ready' && !used.has(o.code));
    if (!order) throw new Error('no demo order left');
    used.add(order.code);
    return { code: order.code, scan: formatScanCode(order.code, order.scanSecret), last4: order.phoneLast4, customer: order.input.customerName, items: order.input.items };
  }

  /** A demo passbook card: its number, and what its barcode carries (the number and its secret). */
  function passbookCard(index: number) {
    const c = demo.customers[index]!;
    return { cardNumber: c.cardNumber, scan: formatCardCode(c.cardNumber, c.scanSecret) };
  }

  /** What a card the branch never issued carries: a well-formed number (its check digit right) and a secret. */
  function unknownPassbookScan(): string {
    const known = new Set(demo.customers.map((c) => c.cardNumber));
    for (let n = 0; ; n++) {
      const first12 = `2990000${String(n).padStart(5, '0')}`;
      const number = `${first12}${ean13CheckDigit(first12)}`;
      if (!known.has(number)) return formatCardCode(number, demo.customers[0]!.scanSecret);
    }
  }

  /** The handovers (order.pickedUp) of an order the server has: applied or rejected. */
  async function transactionsFor(orderCode: string) {
    const { rows } = await db.query<{ status: string; payload: { receiptNumber: string; verifiedBy: string } }>(
      "SELECT status, payload FROM transactions WHERE kind = 'order.pickedUp' AND payload->>'orderCode' = $1", [orderCode]);
    return rows;
  }

  /** How many warranty slips a handover of this order prints: one per unit with a warranty. */
  async function warrantyUnits(items: { sku: string; quantity: number }[]): Promise<number> {
    const { rows } = await db.query<{ sku: string; months: number }>('SELECT sku, warranty_months AS months FROM products WHERE sku = ANY($1)', [items.map((i) => i.sku)]);
    const months = new Map(rows.map((r) => [r.sku, r.months]));
    return items.reduce((n, i) => n + ((months.get(i.sku) ?? 0) > 0 ? i.quantity : 0), 0);
  }

  let staff: { auth: { authorization: string }; session: StaffSession; deviceCode: string; seq: number; key: KeyObject } | null = null;
  /** The helper's own staff tablet (Дмитрий, 1002), signed in once, pushing through the real API. */
  async function staffTablet() {
    if (!staff) {
      const { code } = await services.enrollment.createCode({ branchCode: 'MSK1', role: 'tablet' });
      const { token, deviceCode } = await services.enrollment.enroll(code);
      const auth = { authorization: `Bearer ${token}` };
      // A session key as a tablet makes one: its staff transactions are signed with it.
      const key = sessionKeyPair();
      const res = await fetch(`${url()}/api/v1/staff/sessions`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ employeeNo: '1002', pin: '1357', publicKey: key.publicKey }) });
      if (res.status !== 201) throw new Error(`staff sign-in failed: ${await res.text()}`);
      staff = { auth, session: (await res.json()) as StaffSession, deviceCode, seq: 1, key: key.privateKey };
    }
    return staff;
  }
  async function pushAsStaff(kind: string, payload: (s: NonNullable<typeof staff>, seq: number) => object): Promise<void> {
    const s = await staffTablet();
    const seq = s.seq++;
    const tx = signWith(s.key, { id: randomUUID(), seq, kind, occurredAt: new Date().toISOString(), payload: payload(s, seq) as Record<string, unknown> });
    const res = await fetch(`${url()}/api/v1/sync/push`, { method: 'POST', headers: { ...s.auth, 'content-type': 'application/json' }, body: JSON.stringify({ transactions: [tx] }) });
    const [result] = ((await res.json()) as PushResponse).results;
    if (result?.status !== 'applied') throw new Error(`${kind} not applied: ${JSON.stringify(result)}`);
  }

  /**
   * A staff member brings the goods to the kiosk where the customer waits: for the tests
   * whose subject is the kiosk, not the tablet. Waits until the kiosk's pickup.waiting is on the server.
   */
  async function staffBrings(orderCode: string): Promise<void> {
    const waiting = async () => (await db.query("SELECT 1 FROM pickup_waits WHERE order_code = $1 AND status = 'waiting'", [orderCode])).rows.length > 0;
    await eventually(waiting, `the customer's wait for ${orderCode} to reach the server`);
    await pushAsStaff('pickup.brought', (s) => ({ orderCode, staffSessionId: s.session.sessionId }));
  }

  /** Staff take a customer's wait off the tablets' list (goods that cannot be brought now): the kiosk sends its customer to the desk. */
  async function staffTakesOff(orderCode: string): Promise<void> {
    const waiting = async () => (await db.query("SELECT 1 FROM pickup_waits WHERE order_code = $1 AND status = 'waiting'", [orderCode])).rows.length > 0;
    await eventually(waiting, `the customer's wait for ${orderCode} to reach the server`);
    await pushAsStaff('pickup.left', (s) => ({ orderCode, staffSessionId: s.session.sessionId }));
  }

  /** Staff hand an order over at the helper's tablet after an ID check (order.pickedUp, verifiedBy staff). */
  async function staffHandsOver(orderCode: string): Promise<void> {
    await pushAsStaff('order.pickedUp', (s, seq) => ({ orderCode, receiptNumber: `${s.deviceCode}-${String(seq).padStart(6, '0')}`, verifiedBy: 'staff', staffSessionId: s.session.sessionId }));
  }

  /** A sale made at the helper's tablet: `qty` of one product without serial numbers, by card. Its receipt number. */
  async function sold(qty: number): Promise<{ receiptNumber: string; sku: string; priceKopecks: number }> {
    const { rows: [p] } = await db.query<{ sku: string; price: number }>("SELECT sku, price_kopecks::int AS price FROM products WHERE NOT serial_required ORDER BY sku LIMIT 1");
    let receiptNumber = '';
    await pushAsStaff('sale.completed', (s, seq) => {
      receiptNumber = `${s.deviceCode}-${String(seq).padStart(6, '0')}`;
      return {
        saleId: randomUUID(), receiptNumber, lines: [{ sku: p!.sku, qty, priceKopecks: p!.price }],
        payment: { method: 'card', amountKopecks: qty * p!.price, terminalRef: '555' }, confirmedOn: 'tablet', staffSessionId: s.session.sessionId,
      };
    });
    return { receiptNumber, sku: p!.sku, priceKopecks: p!.price };
  }

  /** The back office sends its shoppers' words (PUT /api/v1/admin/shopper-words with an admin token). */
  async function putShopperWords(words: Record<string, string>): Promise<void> {
    const token = (await services.adminTokens.create({ label: 'e2e', feeds: [...ADMIN_FEEDS], branchCodes: null, days: null })).token;
    const res = await fetch(`${url()}/api/v1/admin/shopper-words`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ words }) });
    if (res.status !== 200) throw new Error(`shopper words refused: ${await res.text()}`);
  }

  /** The back office adds lines to a card holder's book (POST …/entries with an admin token). */
  async function addLedgerEntries(cardNumber: string, entries: { id: string; postedAt: string; textRu: string; textEn: string; amountKopecks: number }[]): Promise<void> {
    const token = (await services.adminTokens.create({ label: 'e2e', feeds: [...ADMIN_FEEDS], branchCodes: null, days: null })).token;
    const res = await fetch(`${url()}/api/v1/admin/customers/${cardNumber}/entries`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ entries }) });
    if (res.status !== 200) throw new Error(`entries refused: ${await res.text()}`);
  }

  /** A staff member's cart sent from the helper's tablet to a kiosk, for its customer to confirm (POST /api/v1/confirmations). */
  async function staffShowsCart(kiosk: string, lang: 'ru' | 'en', lines: { name: string; qty: number; priceKopecks: number }[]): Promise<void> {
    const s = await staffTablet();
    const res = await fetch(`${url()}/api/v1/confirmations`, {
      method: 'POST', headers: { ...s.auth, [STAFF_SESSION_HEADER]: s.session.sessionToken, 'content-type': 'application/json' },
      body: JSON.stringify({ confirmationId: randomUUID(), kiosk, lang, lines, totalKopecks: lines.reduce((n, l) => n + l.qty * l.priceKopecks, 0) }),
    });
    if (res.status !== 201) throw new Error(`cart not sent: ${res.status} ${await res.text()}`);
  }

  /** A staff member takes the open calls (the kiosk hears who is coming), without resolving them. */
  async function staffAcceptsCalls(): Promise<void> {
    const { rows } = await db.query<{ id: string }>("SELECT id FROM assistance_requests WHERE status = 'open'");
    for (const r of rows) await pushAsStaff('assistance.accepted', (st) => ({ requestId: r.id, staffSessionId: st.session.sessionId }));
  }

  /** A staff member marks every open call for help of the branch «Решено» (for tests whose subject is the kiosk). */
  async function staffResolvesCalls(): Promise<void> {
    const { rows } = await db.query<{ id: string; status: string }>("SELECT id, status FROM assistance_requests WHERE status IN ('open', 'accepted')");
    for (const r of rows) {
      if (r.status === 'open') await pushAsStaff('assistance.accepted', (st) => ({ requestId: r.id, staffSessionId: st.session.sessionId }));
      await pushAsStaff('assistance.resolved', (st) => ({ requestId: r.id, staffSessionId: st.session.sessionId }));
    }
  }

  /**
   * The helper's tablet listens, as a branch's tablets do all day: it polls the events
   * with its staff session every 10 s, so kiosks know someone can hear their calls
   * (GET /api/v1/staff/listening). `staffAway()` signs it out and stops: nobody hears.
   */
  let listening: ReturnType<typeof setInterval> | null = null;
  async function listen(): Promise<void> {
    const s = await staffTablet();
    await fetch(`${url()}/api/v1/events/poll?since=0&limit=1`, { headers: { ...s.auth, [STAFF_SESSION_HEADER]: s.session.sessionToken } }).catch(() => undefined);
    // …and reports its state after its round, as a tablet does (else the tablets list it as silent).
    await fetch(`${url()}/api/v1/devices/current/status`, {
      method: 'PUT', headers: { ...s.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ queued: 0, oldestQueuedAt: null, quarantined: 0, printer: 'unknown', appVersion: 'e2e-helper' }),
    }).catch(() => undefined);
  }
  async function staffListen(): Promise<void> {
    await listen();
    listening ??= setInterval(() => void listen().catch(() => undefined), 10_000);
  }
  async function staffAway(): Promise<void> {
    if (listening) clearInterval(listening);
    listening = null;
    if (!staff) return;
    await fetch(`${url()}/api/v1/staff/sessions/current`, { method: 'DELETE', headers: { ...staff.auth, [STAFF_SESSION_HEADER]: staff.session.sessionToken } });
    staff = null;
  }
  await staffListen();

  async function close() {
    if (listening) clearInterval(listening);
    await stop();
    await pages?.close();
    await db.close();
    if (previousDispatcher) setGlobalDispatcher(previousDispatcher);
  }

  return { db, services, url, deploy, start, stop, kioskLink, takeOrder, passbookCard, unknownPassbookScan, transactionsFor, warrantyUnits, staffBrings, staffTakesOff, staffHandsOver, sold, putShopperWords, addLedgerEntries, staffListen, staffAway, staffAcceptsCalls, staffResolvesCalls, staffShowsCart, close };
}
export type KioskServer = Awaited<ReturnType<typeof startKioskServer>>;

/**
 * The built pages on an origin of their own (a second port), as a web server other than
 * okno's would serve them: /kiosk/, /staff/ and their service worker, with a
 * Content-Security-Policy that lets them talk to the API's origin and nothing else.
 */
async function startPageServer(https: { cert: string; key: string }) {
  let api = '';
  const app = Fastify({ logger: false, https });
  app.addHook('onSend', async (_request, reply) => { reply.header('Content-Security-Policy', kioskCsp(`'self' ${api}`)); });
  const page = readFileSync(join(TEST_KIOSK_DIR, 'index.html'));
  const worker = readFileSync(join(TEST_KIOSK_DIR, 'sw.js'));
  app.get('/staff/', async (_request, reply) => reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page));
  app.get('/staff/sw.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(worker));
  await app.register(fastifyStatic, { root: TEST_KIOSK_DIR, prefix: '/kiosk/', index: ['index.html'] });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `https://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  return { origin, setApi: (url: string) => { api = url; }, close: () => app.close() };
}
