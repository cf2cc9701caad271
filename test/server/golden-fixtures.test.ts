import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TRANSACTION_KINDS, isTransactionKind, type PushResponse } from '../../shared/protocol';
import { APP_VERSION } from '../../shared/version';
import { SYNC_PROTOCOL_VERSION } from '../../shared/protocol/limits';
import { createTestServer, type TestServer } from './support/test-app';
import { RELEASES_DIR, goldenBranch, goldenReleases } from './support/golden';

/**
 * Issue 21, item 1: every transaction kind as each release's devices send it lives in
 * test/fixtures/releases/<version>/ (the set starts with 0.1.0), and every release's is
 * replayed against this server: a device of any release still in a branch syncs as it
 * did. A release adds its folder when it ships; a released folder is never edited.
 */
describe('golden fixtures of every release', () => {
  let s: TestServer;
  beforeEach(async () => { s = await createTestServer(); });
  afterEach(() => s.close());

  it('this release has its fixture: every kind it knows, each payload exactly as its own schemas want it', async () => {
    expect(existsSync(path.join(RELEASES_DIR, APP_VERSION, 'transactions.json')), `test/fixtures/releases/${APP_VERSION}/transactions.json`).toBe(true);
    const current = goldenReleases().find((r) => r.release === APP_VERSION)!;
    expect(current.protocol).toBe(SYNC_PROTOCOL_VERSION);
    expect(new Set(current.transactions.map((t) => t.kind))).toEqual(new Set(Object.keys(TRANSACTION_KINDS)));
    // Strictly: an unknown field here is this release's own mistake, not a newer device's.
    const { fill } = await goldenBranch(s);
    for (const [i, t] of current.transactions.entries()) {
      const filled = fill(t, i);
      expect(isTransactionKind(filled.kind)).toBe(true);
      const parsed = TRANSACTION_KINDS[filled.kind as keyof typeof TRANSACTION_KINDS].payload.safeParse(filled.payload);
      expect({ i, kind: t.kind, issues: parsed.error?.issues ?? [] }).toEqual({ i, kind: t.kind, issues: [] });
    }
  });

  for (const release of goldenReleases()) {
    it(`replays release ${release.release}’s day: each transaction answered as then, and once (replay ×3)`, async () => {
      const { kiosk, tablet, fill } = await goldenBranch(s);
      const sent = [];
      for (const [i, t] of release.transactions.entries()) {
        const device = t.device === 'kiosk' ? kiosk : tablet;
        const envelope = fill(t, i);
        sent.push({ device, envelope });
        const [result] = ((await s.push(device, [envelope])).json() as PushResponse).results;
        const answered = result!.status === 'rejected' ? `rejected:${result!.reason}` : result!.status;
        expect({ i, kind: t.kind, answered, detail: result!.detail }).toEqual({ i, kind: t.kind, answered: t.expect, detail: result!.detail });
      }
      for (let round = 0; round < 3; round++) {
        for (const [i, { device, envelope }] of sent.entries()) {
          const [result] = ((await s.push(device, [envelope])).json() as PushResponse).results;
          const expected = release.transactions[i]!.expect;
          expect({ i, status: result!.status, reason: result!.reason }).toEqual(expected === 'applied'
            ? { i, status: 'duplicate', reason: undefined }
            : { i, status: 'rejected', reason: expected.split(':')[1] });
        }
      }
    });
  }
});
