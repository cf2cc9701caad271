import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { makeOrderCode } from '../../shared/domain/order-code';
import { createTestServer, type TestServer } from './support/test-app';
import { sample } from './support/metrics-text';

/**
 * GET /metrics as Prometheus scrapes it (issue 22): the figures an operator watches,
 * with the values a scripted day of pushes and device reports must give.
 */
let s: TestServer | undefined;
afterEach(async () => { await s?.close(); s = undefined; });


describe('GET /metrics', () => {
  it('counts pushes by kind, result and reason, times them, and reports what devices say by branch', async () => {
    s = await createTestServer();
    await s.addBranch('MSK1');
    const kiosk = await s.enroll('MSK1');
    await s.enroll('MSK1', 'tablet');
    const code = await s.putOrder('MSK1');
    const pickup = s.pickup(kiosk, code);
    await s.push(kiosk, [pickup]);
    await s.push(kiosk, [pickup, s.pickup(kiosk, makeOrderCode(77777))]);
    const queuedSince = new Date(Date.now() - 600_000).toISOString();
    const reported = await s.app.inject({ method: 'PUT', url: '/api/v1/devices/current/status', headers: kiosk.auth, payload: { queued: 4, oldestQueuedAt: queuedSince, quarantined: 1, printer: 'paper-out', appVersion: '0.1.0' } });
    expect(reported.statusCode).toBe(200);

    const res = await s.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(sample(text, 'okno_push_transactions_total', 'kind="order.pickedUp",result="applied",reason=""')).toBe(1);
    expect(sample(text, 'okno_push_transactions_total', 'kind="order.pickedUp",result="duplicate",reason=""')).toBe(1);
    expect(sample(text, 'okno_push_transactions_total', 'kind="order.pickedUp",result="rejected",reason="unknown-order"')).toBe(1);
    expect(sample(text, 'okno_push_duration_seconds_count')).toBe(2);
    expect(sample(text, 'okno_event_streams_open')).toBe(0);
    expect(sample(text, 'okno_devices_enrolled', 'branch="MSK1",role="kiosk"')).toBe(1);
    // The tablet never reported: silent. The kiosk just did: not.
    expect(sample(text, 'okno_devices_silent', 'branch="MSK1",role="tablet"')).toBe(1);
    expect(sample(text, 'okno_devices_silent', 'branch="MSK1",role="kiosk"')).toBe(0);
    expect(sample(text, 'okno_printers_in_trouble', 'branch="MSK1"')).toBe(1);
    expect(sample(text, 'okno_device_queued', 'branch="MSK1"')).toBe(4);
    expect(sample(text, 'okno_devices_quarantined', 'branch="MSK1"')).toBe(1);
    expect(sample(text, 'okno_device_queue_age_seconds', 'branch="MSK1"')).toBeGreaterThanOrEqual(600);
    expect(sample(text, 'okno_database_up')).toBe(1);
    expect(sample(text, 'okno_process_resident_memory_bytes')).toBeGreaterThan(0);
    if (s.db.kind === 'postgres') expect(sample(text, 'okno_db_pool_connections', 'state="max"')).toBeGreaterThan(0);
  });

  it('a kind from a newer release is counted as "other", never as a label of its own', async () => {
    s = await createTestServer();
    await s.addBranch('MSK1');
    const kiosk = await s.enroll('MSK1');
    await s.push(kiosk, [{ id: randomUUID(), seq: 1, kind: 'kiosk.somethingNew' as never, occurredAt: new Date().toISOString(), payload: {} as never }]);
    const text = (await s.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(sample(text, 'okno_push_transactions_total', 'kind="other",result="deferred",reason="unsupported-kind"')).toBe(1);
    expect(text).not.toContain('somethingNew');
  });

  it('answers only this host without a token, through no proxy; with OKNO_METRICS_TOKEN, only its bearer', async () => {
    s = await createTestServer();
    const proxied = await s.app.inject({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(proxied.statusCode).toBe(403);
    expect(proxied.json().message).toContain('OKNO_METRICS_TOKEN');
    expect((await s.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '192.168.1.20' })).statusCode).toBe(403);
    await s.close();

    s = await createTestServer({ metricsToken: 'a-long-random-secret-of-the-scraper' });
    expect((await s.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(403);
    expect((await s.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(403);
    const ok = await s.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '192.168.1.20', headers: { authorization: 'Bearer a-long-random-secret-of-the-scraper' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('okno_push_duration_seconds');
  });
});
