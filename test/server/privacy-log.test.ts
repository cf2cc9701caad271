import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loggedUrl } from '../../server/http/log-options';
import type { PullResponse } from '../../shared/protocol';
import { createTestServer, type TestServer } from './support/test-app';

/** What the server writes to its log: ids and masked data only; and how long kiosks are told to keep things. */
let s: TestServer;
const lines: string[] = [];
const CARD = '2991000000018';

beforeEach(async () => {
  lines.length = 0;
  s = await createTestServer({ logLines: lines, kioskRetentionDays: 14, passbookFullLines: 20 });
  await s.addBranch('MSK1');
});
afterEach(() => s.close());

describe('the server’s log', () => {
  it('masks card numbers in paths and never writes tokens, phones or names, whatever the requests carry', async () => {
    expect(loggedUrl(`/api/v1/admin/customers/${CARD}/entries`)).toBe('/api/v1/admin/customers/••••0018/entries');
    expect(loggedUrl('/api/v1/orders/47110004')).toBe('/api/v1/orders/47110004'); // an order code is no one's name
    await s.app.inject({ method: 'PUT', url: `/api/v1/admin/customers/${CARD}`, headers: s.adminAuth, payload: { branchCode: 'MSK1', shortName: 'Иван П.' } });
    await s.app.inject({ method: 'PUT', url: `/api/v1/admin/customers/${CARD}`, headers: s.adminAuth, payload: { branchCode: 'MSK1', shortName: 'Иван Петрович Петров, тел. +7 916 123-45-67 — too long for a short name' } });
    const code = await s.putOrder('MSK1', { customerName: 'Иван Петрович Петров', phone: '+7 916 123-45-67' });
    const kiosk = await s.enroll('MSK1');
    await s.push(kiosk, [s.pickup(kiosk, code)]);
    await s.app.inject({ method: 'GET', url: `/api/v1/orders/${code}`, headers: kiosk.auth });
    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThan(5);
    expect(log).toContain('••••0018');
    expect(log).not.toContain(CARD);
    expect(log).not.toMatch(/Петров|9161234567|916 123-45-67/);
    expect(log).not.toContain(s.adminAuth.authorization.slice(7));
    expect(log).not.toContain(kiosk.token);
  });

  it('tells kiosks how long to keep picked-up orders and their paper (OKNO_KIOSK_RETENTION_DAYS), and how many passbook lines print in full', async () => {
    const { loadServerConfig } = await import('../../server/config');
    const kiosk = await s.enroll('MSK1');
    const pull = (await s.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: kiosk.auth })).json() as PullResponse;
    expect(pull.retentionDays).toBe(14);
    expect(pull.passbookFullLines).toBe(20);
    expect(loadServerConfig({ OKNO_PASSBOOK_FULL_LINES: '12' }).passbookFullLines).toBe(12);
    expect(loadServerConfig({ OKNO_KIOSK_RETENTION_DAYS: '7' }).kioskRetentionDays).toBe(7);
    expect(() => loadServerConfig({ OKNO_KIOSK_RETENTION_DAYS: '0' })).toThrow('OKNO_KIOSK_RETENTION_DAYS="0" is not valid');
  });
});
