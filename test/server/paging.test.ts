import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditDay, DocumentList, StaffSession } from '../../shared/protocol';
import { pushResults } from './support/push-results';
import { createTestServer, type TestDevice, type TestServer } from './support/test-app';

/**
 * Issue 21, item 3: the audit log and the documents list a page at a time, so a busy
 * day (tens of thousands of failed sign-ins; hundreds of receipts) is never one answer.
 * On PGlite and PostgreSQL.
 */
let s: TestServer;
let tablet: TestDevice;
let kiosk: TestDevice;
let supervisor: StaffSession;
const headers = () => ({ ...tablet.auth, 'x-staff-session': supervisor.sessionToken });

beforeEach(async () => {
  s = await createTestServer();
  await s.addBranch('MSK1');
  tablet = await s.enroll('MSK1', 'tablet');
  kiosk = await s.enroll('MSK1');
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Сергеевна Иванова', role: 'supervisor', pin: '2468' });
  supervisor = await s.signIn(tablet, '1001', '2468');
});
afterEach(() => s.close());

describe('a busy day, a page at a time', () => {
  it('the audit log: pages follow each other in the day’s order, none missed or twice, and the last says there is no more', async () => {
    const branchId = (await s.db.query<{ id: string }>(`SELECT id FROM branches WHERE code = 'MSK1'`)).rows[0]!.id;
    // Eight wrong numbers tried within one second: the same time, told apart by their order.
    const at = new Date();
    await s.services.repos.audit.append(s.db, Array.from({ length: 8 }, (_, i) => ({
      branchId, deviceId: tablet.deviceId, occurredAt: at, staffId: null, employeeNo: String(9000 + i), action: 'sign-in-failed', subject: null,
    })));
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res = await s.app.inject({ method: 'GET', url: `/api/v1/audit?limit=3${after ? `&after=${after}` : ''}`, headers: headers() });
      expect(res.statusCode).toBe(200);
      const page = res.json() as AuditDay;
      expect(page.entries.length).toBeLessThanOrEqual(3);
      seen.push(...page.entries.map((e) => `${e.action}:${e.employeeNo}`));
      after = page.next;
      pages += 1;
    } while (after && pages < 10);
    // The supervisor added (the set-up), signed in, then the eight, in the order they were written.
    expect(seen).toEqual(['staff-added:cli', 'sign-in:1001', ...Array.from({ length: 8 }, (_, i) => `sign-in-failed:${9000 + i}`)]);
    expect(pages).toBe(4); // 10 entries, 3 a page
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/audit?after=abc', headers: headers() })).json()).toMatchObject({ error: 'invalid-query' });
  });

  it('the documents list: newest first, page after page, to the first; a `next` it did not give is refused by name', async () => {
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push(await s.putOrder('MSK1'));
    expect(pushResults(await s.push(kiosk, codes.map((code) => s.pickup(kiosk, code)))).map((r) => r.status)).toEqual(Array(5).fill('applied'));
    const numbers: string[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const res = await s.app.inject({ method: 'GET', url: `/api/v1/documents?limit=2${before ? `&before=${before}` : ''}`, headers: headers() });
      expect(res.statusCode).toBe(200);
      const page = res.json() as DocumentList;
      numbers.push(...page.documents.map((d) => d.number));
      before = page.next;
      pages += 1;
    } while (before && pages < 10);
    expect(pages).toBe(3);
    // Every receipt once, newest first: the kiosk's numbers count up.
    expect(numbers).toEqual([...numbers].sort().reverse());
    expect(new Set(numbers).size).toBe(5);
    const bad = await s.app.inject({ method: 'GET', url: `/api/v1/documents?before=${Buffer.from('["x","y"]').toString('base64url')}`, headers: headers() });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('before');
  });
});
