import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, type TestDevice, type TestServer } from './support/test-app';

/** The back office extends the tablets' catalogue search with shoppers' words. */
let s: TestServer;
let tablet: TestDevice;
let kiosk: TestDevice;
beforeEach(async () => {
  s = await createTestServer();
  await s.addBranch('MSK1');
  [tablet, kiosk] = [await s.enroll('MSK1', 'tablet'), await s.enroll('MSK1')];
});
afterEach(() => s.close());

const put = (words: Record<string, string>, headers = s.adminAuth) => s.app.inject({ method: 'PUT', url: '/api/v1/admin/shopper-words', headers, payload: { words } });
const get = (device: TestDevice) => s.app.inject({ method: 'GET', url: '/api/v1/shopper-words', headers: device.auth });

describe('shoppers’ words', () => {
  it('the back office replaces the table; tablets read it, words in lower case', async () => {
    expect((await get(tablet)).json()).toEqual({ words: {} });
    expect((await put({ ' Ветродуй ': 'вентилятор', 'пылик': 'пылесос' })).json()).toEqual({ ok: true, count: 2 });
    expect((await get(tablet)).json()).toEqual({ words: { 'ветродуй': 'вентилятор', 'пылик': 'пылесос' } });
    await put({ 'морозильник': 'холодильник' });
    expect((await get(tablet)).json()).toEqual({ words: { 'морозильник': 'холодильник' } });
  });

  it('refuses a kiosk, a device token at the admin feed, and a word too short, naming it', async () => {
    expect((await get(kiosk)).statusCode).toBe(403);
    expect((await put({ 'ветродуй': 'вентилятор' }, tablet.auth)).statusCode).toBe(401);
    const bad = await put({ 'я': 'яблоко' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid-body', field: 'words.я' });
  });
});
