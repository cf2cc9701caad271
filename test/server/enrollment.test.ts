import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './support/test-app';

let s: TestServer;
beforeEach(async () => {
  s = await createTestServer();
  await s.addBranch('MSK1');
});
afterEach(() => s.close());

describe('device numbers (the receipt prefix)', () => {
  it('gives concurrent enrolments distinct numbers, none a 500', async () => {
    const codes = await Promise.all(Array.from({ length: 8 }, () => s.services.enrollment.createCode({ branchCode: 'MSK1' })));
    const answers = await Promise.all(codes.map(({ code }) => s.app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code } })));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(201));
    const numbers = answers.map((a) => a.json().deviceCode as string).sort();
    expect(numbers).toEqual(['MSK1-K01', 'MSK1-K02', 'MSK1-K03', 'MSK1-K04', 'MSK1-K05', 'MSK1-K06', 'MSK1-K07', 'MSK1-K08']);
  });

  it('never hands a removed device’s number to a new one', async () => {
    const first = await s.enroll('MSK1');
    const second = await s.enroll('MSK1');
    expect([first.deviceCode, second.deviceCode]).toEqual(['MSK1-K01', 'MSK1-K02']);
    await s.db.query('UPDATE enrollment_codes SET device_id = NULL WHERE device_id = $1', [second.deviceId]);
    await s.db.query('DELETE FROM devices WHERE id = $1', [second.deviceId]);
    expect((await s.enroll('MSK1')).deviceCode).toBe('MSK1-K03');
    expect((await s.enroll('MSK1', 'tablet')).deviceCode).toBe('MSK1-T01');
  });
});
