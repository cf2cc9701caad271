import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { openDb } from '../../server/db/open-db';
import { cli } from './support/cli';

/** `npm run server -- <args>` on its own data folder. */
const cliIn = (dataDir: string, ...args: string[]) => cli({ ...process.env, OKNO_DATA_DIR: dataDir, DATABASE_URL: '' }, ...args);

describe('npm run server -- <command>', () => {
  it('seeds the demo branch, makes an enrolment code that enrols a kiosk, and refuses bad flags clearly', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'okno-cli-'));
    expect((await cliIn(dir, 'seed', '--demo')).stdout).toContain('demo data loaded');
    expect((await cliIn(dir, 'seed', '--demo')).stdout).toContain('nothing changed');

    const made = await cliIn(dir, 'enroll-code', '--place', '  у входа ');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('one-time kiosk enrolment code for branch MSK1 (у входа)');
    const code = made.stdout.trim().split('\n').at(-1)!;
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    const wrongBranch = await cliIn(dir, 'enroll-code', '--branch', 'NOPE');
    expect(wrongBranch.code).toBe(1);
    expect(wrongBranch.stderr.trim()).toBe('okno: no branch with code "NOPE"');

    // A PIN is never typed on a command line: the person sets theirs on a tablet with a code.
    const withPin = await cliIn(dir, 'add-staff', '--branch', 'MSK1', '--employee-no', '2001', '--name', 'Анна Л.', '--role', 'associate', '--pin', '1234');
    expect(withPin.code).toBe(1);
    expect(withPin.stderr).toContain('--pin: a PIN is never typed on a command line');
    const added = await cliIn(dir, 'add-staff', '--branch', 'MSK1', '--employee-no', '2001', '--name', 'Анна Л.', '--role', 'associate');
    expect(added.code).toBe(0);
    expect(added.stdout.trim().split('\n').at(-1)).toMatch(/^\d{4} \d{4}$/);
    const badNo = await cliIn(dir, 'reset-pin', '--branch', 'MSK1', '--employee-no', '12');
    expect(badNo.stderr).toContain('--employee-no: 3–8 digits');
    const badToken = await cliIn(dir, 'admin-token', '--label', 'shop', '--feeds', 'orders,prices');
    expect(badToken.stderr).toContain('--feeds: expected some of orders, catalogue, passbook, not prices');
    const badBranch = await cliIn(dir, 'add-branch', '--code', 'spb', '--name', 'Окно', '--legal-name', 'ООО «Окно»', '--inn', '7701234567', '--address', 'Санкт-Петербург');
    expect(badBranch.stderr).toContain('--code: branch code: 2–8 capital letters or digits');
    expect((await cliIn(dir, 'frobnicate')).stderr).toContain('unknown command "frobnicate"');
    // Asking for the usage prints it, with no complaint and exit 0.
    const help = await cliIn(dir, '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run server -- <command>/);
    expect(help.stdout).toContain('unlock-staff --branch MSK1 --employee-no 1004');
    expect(help.stderr).not.toContain('unknown');

    // The printed code works against the same data folder.
    const db = await openDb({ dataDir: dir });
    const app = await buildApp({ db });
    const res = await app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ branchCode: 'MSK1', deviceCode: 'MSK1-K01' });
    const place = async () => (await db.query<{ place: string | null }>("SELECT place FROM devices WHERE code = 'MSK1-K01'")).rows[0]!.place;
    expect(await place()).toBe('у входа'); // from its enrolment code
    await app.close();
    await db.close();
    // Moved: say where it stands now; a device that does not exist is named.
    expect((await cliIn(dir, 'device-place', '--device', 'MSK1-K01', '--place', '2 этаж, у лифта')).stdout.trim()).toBe('MSK1-K01 stands at: 2 этаж, у лифта');
    const unknown = await cliIn(dir, 'device-place', '--device', 'MSK1-K99', '--place', 'где-то');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('okno: no device with code "MSK1-K99"');
    expect((await cliIn(dir, 'device-place', '--device', 'MSK1-K01')).stderr).toContain('--place is required');
    const again = await openDb({ dataDir: dir });
    expect((await again.query<{ place: string | null }>("SELECT place FROM devices WHERE code = 'MSK1-K01'")).rows[0]!.place).toBe('2 этаж, у лифта');
    await again.close();
  }, 180_000);
});
