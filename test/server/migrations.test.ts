import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db';
import { loadMigrations, migrate } from '../../server/db/migrate';
import { MigrationError } from '../../server/errors';
import { buildServices } from '../../server/services';
import { randomUUID } from 'node:crypto';
import { createTestDb } from './support/test-db';

let db: Db | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

const tables = async (d: Db) =>
  (await d.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1")).rows.map((r) => r.t);

describe(`migrations on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('applies every migration to an empty database, once', async () => {
    db = await createTestDb({ migrate: false });
    const all = loadMigrations().map((m) => m.version);
    expect(await migrate(db)).toEqual(all);
    expect(await tables(db)).toEqual(expect.arrayContaining(['branches', 'devices', 'staff', 'products', 'pickup_orders', 'customers', 'ledger_entries', 'transactions', 'receipts', 'schema_migrations']));
    expect(await migrate(db)).toEqual([]);
  });

  it('032–033: a device revoked before them is shown with what its last report held, revoked when the audit log says', async () => {
    db = await createTestDb({ migrate: false });
    await migrate(db, loadMigrations().filter((m) => m.version < 32));
    const services = buildServices(db);
    await services.repos.branches.insert(db, { id: randomUUID(), code: 'MSK1', name: 'Филиал', legalName: 'ООО «Тест»', inn: '7701234561', address: 'г. Москва' });
    const kiosk = await services.enrollment.enroll((await services.enrollment.createCode({ branchCode: 'MSK1', role: 'kiosk' })).code);
    const device = (await services.repos.devices.findAnyByCode(db, kiosk.deviceCode))!;
    await services.deviceStatus.report(device, { queued: 12, oldestQueuedAt: '2026-11-30T09:00:00.000Z', quarantined: 0, printer: 'ok', appVersion: '0.1.0', unprinted: [], syncProblem: null, speech: null });
    // Revoked as the release before did it.
    await db.query('UPDATE devices SET token_hash = NULL WHERE id = $1', [device.id]);
    await services.repos.audit.append(db, [{ branchId: device.branchId, deviceId: null, occurredAt: new Date('2026-11-30T12:00:00Z'), staffId: null, employeeNo: 'cli', action: 'device-revoked', subject: kiosk.deviceCode }]);

    expect(await migrate(db)).toEqual([32, ...loadMigrations().filter((m) => m.version > 32).map((m) => m.version)]);
    expect((await services.deviceStatus.list(device.branchId)).revoked).toEqual([expect.objectContaining({
      code: kiosk.deviceCode, revokedAt: '2026-11-30T12:00:00.000Z', queued: 12, oldestQueuedAt: '2026-11-30T09:00:00.000Z',
    })]);
  });

  it('fails loudly on a broken migration and leaves the database at the version before', async () => {
    db = await createTestDb({ migrate: false });
    const dir = mkdtempSync(path.join(tmpdir(), 'okno-mig-'));
    writeFileSync(path.join(dir, '001_good.sql'), 'CREATE TABLE a (id int);');
    writeFileSync(path.join(dir, '002_bad.sql'), 'CREATE TABLE b (id int); CREATE TABLE oops (;');
    await expect(migrate(db, loadMigrations(dir))).rejects.toThrow(MigrationError);
    await expect(migrate(db, loadMigrations(dir))).rejects.toThrow(/002_bad.sql failed/);
    const t = await tables(db);
    expect(t).toContain('a');
    expect(t).not.toContain('b');
  });

  it('refuses migration files that are misnamed or skip a number', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'okno-mig-'));
    writeFileSync(path.join(dir, '001_a.sql'), 'SELECT 1;');
    writeFileSync(path.join(dir, '003_c.sql'), 'SELECT 1;');
    expect(() => loadMigrations(dir)).toThrow(/numbered 1, 2, 3/);
  });
});
