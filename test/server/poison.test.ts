import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import type { Db } from '../../server/db/db';
import { buildServices } from '../../server/services';
import type { Applier, ApplierMap } from '../../server/services/sync/applier';
import { createAppliers } from '../../server/services/sync/appliers';
import { createPushService } from '../../server/services/sync/push-service';
import { stringifyDeep } from '../../server/services/sync/stored-form';
import type { AssistanceRequestedPayload, PushResponse, StaffSession, TransactionEnvelope } from '../../shared/protocol';
import { logOptions } from '../../server/http/log-options';
import { createTestDb } from './support/test-db';

/**
 * Issue 18, item 2: a bad transaction rejects itself, never its batch. "A bug" is played
 * by an applier for calls for help that, for a screen named "poison", does its real work
 * and then runs a statement that fails in the database (division by zero): on PostgreSQL
 * that aborts the database transaction, which only a savepoint survives. Everything else
 * is the real server. On PGlite and on PostgreSQL.
 */
let db: Db;
let app: FastifyInstance;
let logLines: string[];
let kiosk: { token: string; auth: { authorization: string } };
let nextSeq = 1;
/** While true, a call for help from the screen "slow" meets a statement timeout. */
let slowDatabase = false;
/** Transactions whose rejection the push service's own event step fails on (a bug outside any applier). */
const poisonedRejections = new Set<string>();

function poisoned(appliers: ApplierMap): ApplierMap {
  const real = appliers['assistance.requested'];
  const sick: Applier<AssistanceRequestedPayload> = {
    async apply(q, device, txs) {
      const rejected = await real.apply(q, device, txs);
      if (txs.some((t) => t.payload.screen === 'poison')) await q.query('SELECT 1 / 0');
      // A passing hiccup of the database: a lock timeout, raised by the database with its own
      // SQLSTATE (55P03), as PostgreSQL does under lock_timeout (PGlite has no timers to time out with).
      if (slowDatabase && txs.some((t) => t.payload.screen === 'slow')) {
        await q.query("DO $$ BEGIN RAISE EXCEPTION 'canceling statement due to lock timeout' USING ERRCODE = '55P03'; END $$");
      }
      return rejected;
    },
  };
  return { ...appliers, 'assistance.requested': sick };
}

beforeEach(async () => {
  db = await createTestDb();
  const base = buildServices(db);
  const services = {
    ...base,
    push: createPushService({
      db, devices: base.repos.devices, log: base.repos.transactionLog, staff: base.repos.staff, audit: base.repos.audit, appliers: poisoned(createAppliers(base.repos)),
      events: {
        async append(q, branchId, events) {
          if (events.some((e) => poisonedRejections.has(String(e.data['transactionId'])))) await q.query('SELECT 1 / 0');
          return base.repos.events.append(q, branchId, events);
        },
      },
    }),
  };
  logLines = [];
  app = await buildApp({ db, services, logger: logOptions({ level: 'info', stream: { write: (line: string) => { logLines.push(line); } } }) });
  await base.repos.branches.insert(db, { id: randomUUID(), code: 'MSK1', name: 'Филиал', legalName: 'ООО «Тест»', inn: '7701234561', address: 'г. Москва' });
  const enrolled = await base.enrollment.enroll((await base.enrollment.createCode({ branchCode: 'MSK1', role: 'kiosk' })).code);
  kiosk = { token: enrolled.token, auth: { authorization: `Bearer ${enrolled.token}` } };
  nextSeq = 1;
});
afterEach(async () => {
  await app.close();
  await db.close();
});

const call = (screen: string, overrides: Partial<TransactionEnvelope> = {}): TransactionEnvelope => ({
  id: randomUUID(), seq: nextSeq++, kind: 'assistance.requested', occurredAt: new Date().toISOString(),
  payload: { requestId: randomUUID(), screen, context: { step: 'welcome', lang: 'ru', largeText: false, voice: false } },
  ...overrides,
});
/** Sent as JSON text made without recursion: JSON.stringify itself overflows on the deepest payloads. */
const push = (transactions: TransactionEnvelope[]) =>
  app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: { ...kiosk.auth, 'content-type': 'application/json' }, payload: `{"transactions":${stringifyDeep(transactions)}}` });
const outcome = (res: { json(): unknown }) => (res.json() as PushResponse).results.map((r) => r.reason ?? r.status);
const requests = async () => (await db.query<{ screen: string }>('SELECT screen FROM assistance_requests ORDER BY screen')).rows.map((r) => r.screen);

describe('a transaction the server fails on is rejected alone (server-error)', () => {
  it('in the middle of a batch: the others apply, its own work is undone, its stack is in the log, and replays answer the same', async () => {
    const batch = [call('a'), call('b'), call('poison'), call('d'), call('e')];
    const first = await push(batch);
    expect(first.statusCode).toBe(200);
    expect(outcome(first)).toEqual(['applied', 'applied', 'server-error', 'applied', 'applied']);
    expect((first.json() as PushResponse).results[2]!.detail).toContain('the rest of the batch applied');
    // Nothing of the poisoned one is left half-applied: no request, no event for the tablets.
    expect(await requests()).toEqual(['a', 'b', 'd', 'e']);
    const { rows: events } = await db.query<{ name: string; n: number }>('SELECT name, count(*)::int AS n FROM events GROUP BY name ORDER BY name');
    expect(events).toEqual([{ name: 'assistance.requested', n: 4 }, { name: 'transaction.rejected', n: 1 }]);
    const { rows: log } = await db.query<{ status: string; reason: string | null }>('SELECT status, reason FROM transactions ORDER BY seq');
    expect(log).toEqual([
      { status: 'applied', reason: null }, { status: 'applied', reason: null }, { status: 'rejected', reason: 'server-error' },
      { status: 'applied', reason: null }, { status: 'applied', reason: null },
    ]);
    const logged = logLines.map((l) => JSON.parse(l) as { level: number; transactionId?: string; err?: { stack?: string } }).find((l) => l.transactionId === batch[2]!.id);
    expect(logged?.level).toBe(50);
    expect(logged?.err?.stack).toMatch(/division by zero/);
    for (let i = 0; i < 3; i++) expect(outcome(await push(batch))).toEqual(['duplicate', 'duplicate', 'server-error', 'duplicate', 'duplicate']);
    expect(await requests()).toEqual(['a', 'b', 'd', 'e']);
  });

  it('50 concurrent copies of a batch with a poisoned transaction: applied once, every copy answered alike, replay ×3 the same', async () => {
    const batch = [call('a'), call('poison'), call('c')];
    const answers = await Promise.all(Array.from({ length: 50 }, () => push(batch)));
    expect(answers.every((r) => r.statusCode === 200)).toBe(true);
    const outcomes = answers.map(outcome);
    // Exactly once per transaction: each good one applied by one copy (which copy may differ
    // between the two, as the copies replay a failed batch one by one), duplicate for the rest.
    for (const at of [0, 2]) {
      expect(outcomes.filter((o) => o[at] === 'applied')).toHaveLength(1);
      expect(outcomes.filter((o) => o[at] === 'duplicate')).toHaveLength(49);
    }
    expect(outcomes.every((o) => o[1] === 'server-error')).toBe(true);
    for (let i = 0; i < 3; i++) expect(outcome(await push(batch))).toEqual(['duplicate', 'server-error', 'duplicate']);
    expect(await requests()).toEqual(['a', 'c']);
    expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM transactions WHERE reason = 'server-error'")).rows[0]!.n).toBe(1);
  });

  it('a poisoned run alone, and one after it: the device is never stuck behind it', async () => {
    expect(outcome(await push([call('poison')]))).toEqual(['server-error']);
    expect(outcome(await push([call('next')]))).toEqual(['applied']);
    expect(await requests()).toEqual(['next']);
  });

  it('a step every transaction shares fails on one of them: each is tried alone, and only that one is rejected', async () => {
    const a = call('a');
    const cancel = call('x', { kind: 'assistance.cancelled', payload: { requestId: randomUUID() } });
    poisonedRejections.add(cancel.id);
    const batch = [a, cancel, call('c')];
    const res = await push(batch);
    expect(res.statusCode).toBe(200);
    expect(outcome(res)).toEqual(['applied', 'server-error', 'applied']);
    expect(await requests()).toEqual(['a', 'c']);
    const { rows } = await db.query<{ reason: string | null }>('SELECT reason FROM transactions ORDER BY seq');
    expect(rows).toEqual([{ reason: null }, { reason: 'server-error' }, { reason: null }]);
    expect(logLines.some((l) => l.includes(cancel.id) && l.includes('division by zero'))).toBe(true);
    for (let i = 0; i < 3; i++) expect(outcome(await push(batch))).toEqual(['duplicate', 'server-error', 'duplicate']);
  });

  it('a passing hiccup of the database (a lock timeout) is no transaction’s fault: 503, nothing kept as rejected, and the resend applies', async () => {
    slowDatabase = true;
    const batch = [call('a'), call('slow'), call('c')];
    try {
      const res = await push(batch);
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ error: 'database-unavailable' });
      expect((await db.query('SELECT 1 FROM transactions')).rows).toEqual([]);
    } finally {
      slowDatabase = false;
    }
    expect(outcome(await push(batch))).toEqual(['applied', 'applied', 'applied']);
    expect(await requests()).toEqual(['a', 'c', 'slow']);
  });

  it('staff see it among the branch’s rejections, in words', async () => {
    await push([call('poison')]);
    const { rows } = await db.query<{ reason: string }>("SELECT reason FROM transactions WHERE status = 'rejected'");
    expect(rows).toEqual([{ reason: 'server-error' }]);
    const tabletCode = await buildServices(db).enrollment.createCode({ branchCode: 'MSK1', role: 'tablet' });
    const tablet = await app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code: tabletCode.code } });
    const auth = { authorization: `Bearer ${(tablet.json() as { token: string }).token}` };
    await buildServices(db).staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Иванова', role: 'supervisor', pin: '2468' });
    const session = (await app.inject({ method: 'POST', url: '/api/v1/staff/sessions', headers: auth, payload: { employeeNo: '1001', pin: '2468' } })).json() as StaffSession;
    const list = await app.inject({ method: 'GET', url: '/api/v1/rejections', headers: { ...auth, 'x-staff-session': session.sessionToken } });
    expect(list.json()).toMatchObject({ rejections: [{ kind: 'assistance.requested', reason: 'server-error' }] });
  });
});

describe('input that cannot be stored or printed is refused alone, at the edge', () => {
  const deep = () => JSON.parse(`${'{"x":'.repeat(5000)}1${'}'.repeat(5000)}`) as unknown;
  const cases: [string, (t: TransactionEnvelope) => TransactionEnvelope, RegExp][] = [
    ['a lone surrogate (text cut in the middle of an emoji)', (t) => ({ ...t, payload: { ...t.payload, screen: 'help \ud83d' } }), /payload\.screen: .*broken character/],
    ['NUL in a string', (t) => ({ ...t, payload: { ...t.payload, screen: 'a\u0000b' } }), /payload\.screen: .*control character/],
    ['an ESC/POS command in a string', (t) => ({ ...t, payload: { ...t.payload, screen: 'a\u001b@b' } }), /control character/],
    ['a right-to-left override', (t) => ({ ...t, payload: { ...t.payload, screen: 'abc\u202edcba' } }), /invisible direction/],
    ['a zero-width space', (t) => ({ ...t, payload: { ...t.payload, screen: 'ab\u200bc' } }), /zero-width/],
    ['NUL in a field name', (t) => ({ ...t, payload: { ...t.payload, ['x\u0000']: 1 } }), /field name/],
    ['a payload nested 5,000 levels deep', (t) => ({ ...t, payload: { ...t.payload, context: deep() } }), /nested deeper than 32/],
    ['a number past 2^53', (t) => ({ ...t, payload: { ...t.payload, n: 2 ** 60 } }), /2\^53/],
    ['occurredAt in year 0000', (t) => ({ ...t, occurredAt: '0000-01-01T00:00:00Z' }), /occurredAt: a year before 1970/],
    ['occurredAt 9999-12-31', (t) => ({ ...t, occurredAt: '9999-12-31T23:59:59Z' }), /occurredAt: more than 2 days after/],
    ['occurredAt a year ago', (t) => ({ ...t, occurredAt: new Date(Date.now() - 365 * 86400_000).toISOString() }), /occurredAt: more than 60 days before/],
    ['occurredAt with an offset of +15:59', (t) => ({ ...t, occurredAt: '2026-12-02T10:00:00+15:59' }), /offset beyond/],
    ['occurredAt without a time zone', (t) => ({ ...t, occurredAt: '2026-11-23 10:00' }), /occurredAt: not an ISO 8601 time/],
    ['occurredAt on 30 February', (t) => ({ ...t, occurredAt: '2026-02-30T10:00:00Z' }), /no such time/],
  ];

  it.each(cases)('%s: rejected as invalid-payload naming the field; the rest of the batch applies; replay ×3 answers the same', async (_name, spoil, detail) => {
    const batch = [call('before'), spoil(call('bad')), call('after')];
    const res = await push(batch);
    expect(res.statusCode).toBe(200);
    const results = (res.json() as PushResponse).results;
    expect(results.map((r) => r.reason ?? r.status)).toEqual(['applied', 'invalid-payload', 'applied']);
    expect(results[1]!.detail).toMatch(detail);
    expect(await requests()).toEqual(['after', 'before']);
    for (let i = 0; i < 3; i++) expect(outcome(await push(batch))).toEqual(['duplicate', 'invalid-payload', 'duplicate']);
    // The same id with other content is still told from a replay.
    expect(outcome(await push([{ ...batch[1]!, payload: { changed: true } }]))).toEqual(['id-conflict']);
  });
});
