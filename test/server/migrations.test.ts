import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db';
import { loadMigrations, migrate } from '../../server/db/migrate';
import { MigrationError } from '../../server/errors';
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
