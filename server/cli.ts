import type { z } from 'zod';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { loadServerConfig, type ServerConfig } from './config';
import { openDb } from './db/open-db';
import { migrate } from './db/migrate';
import { untilDatabaseAnswers } from './db/unavailable';
import { AppError, ConfigError, DataDirBusyError } from './errors';
import { sendToAdminSocket } from './local/admin-socket';
import { CommandRequest, runCommand } from './local/commands';
import { cliErrorText } from './local/cli-error';
import { acquireDataDirLock, busyMessage, readLiveLock } from './local/data-dir-lock';
import { POSTGRES_BACKUP_HINT, restoreFrom } from './local/backup';
import { closeOnSignals, startServer } from './main';
import { buildServices } from './services';
import { StaffInput } from './services/staff-service';
import { NewBranch } from './services/branch-service';
import { ADMIN_FEEDS } from './repositories/admin-token-repo';
import { isWorkerPrimary, superviseWorkers } from './workers';
import { aggregateWorkerMetrics } from './http/cluster-metrics';

const USAGE = `usage: npm run server -- <command> [options]

  start                       migrate and serve the API (PORT, HOST, OKNO_DATA_DIR, DATABASE_URL,
                              OKNO_WORKERS: processes sharing the port, PostgreSQL only)
  migrate                     apply the database migrations
  seed --demo                 load the demo branch (once; a second run changes nothing)
  enroll-code [--branch MSK1] [--role kiosk|tablet] [--place "у входа"]
                              make a one-time device enrolment code (printed as the last line);
                              the place is where the device stands, as staff will read it
  enroll-code --replaces MSK1-K01
                              a code for the replacement of a broken or stolen device: it takes
                              the old one's name, place and numbering, and the old one's token
                              stops working when the code is used
  device-place --device MSK1-K01 --place "2 этаж, у лифта"
                              say where an enrolled device stands ("" clears it)
  add-branch --code SPB1 --name "Окно на Невском" --legal-name "ООО «Окно»" --inn 7701234567
             --address "Санкт-Петербург, Невский пр., 1" [--time-zone Europe/Moscow]
                              open a branch (its devices are enrolled with enroll-code --branch)
  branches                    list the branches with their devices and staff
  add-staff --branch MSK1 --employee-no 1004 --name "Имя Фамилия" --role associate|supervisor
                              add a person; prints the one-time code with which they set their
                              own PIN on a tablet (no PIN is ever typed here)
  staff --branch MSK1         list a branch's staff: active or not, PIN set or waiting, signed in
  reset-pin --branch MSK1 --employee-no 1004
                              the PIN stops working and their sessions end; prints a new code
  deactivate-staff --branch MSK1 --employee-no 1004
                              they sign in nowhere from now on (their sessions end; nothing is
                              deleted: the audit log keeps naming them)
  reactivate-staff --branch MSK1 --employee-no 1004
  end-sessions --branch MSK1 --employee-no 1004
                              end every open session of the person (their PIN still works)
  admin-token --label shop [--feeds orders,catalogue,passbook] [--branches MSK1,SPB2] [--days 365]
                              make a token for the admin feeds (printed as the last line): the
                              feeds it may write (all when left out), the branches (all when
                              left out; the catalogue needs all) and its days (365; 0: no end)
  admin-tokens                list the admin tokens: id, label, scope, expiry, last use
  revoke-admin-token --id 1a2b3c4d
                              end an admin token at once (its id as admin-tokens lists it)
  unlock-staff --branch MSK1 --employee-no 1004
                              lift the lock of a number after too many wrong PINs (every tablet)
  revoke-device --device MSK1-T02
                              take a device out of service (stolen, broken): its token stops
                              working, its staff sessions and event streams end at once
  backup --to /backups/okno-2026-12-03.tar.gz
                              copy the embedded database to a new file, also while the server
                              runs (PostgreSQL: pg_dump, docs/operations.md)
  restore --from /backups/okno-2026-12-03.tar.gz
                              replace the embedded database with a backup (stop the server
                              first; the replaced one is kept beside it)

While a server runs on the embedded database (no DATABASE_URL), these commands go through
it: run them in a second terminal as they are.`;

/**
 * Runs a data command where the data is: through the running server's local socket when
 * a server holds the embedded database's folder, else on the database opened here.
 */
async function dataCommand(config: ServerConfig, request: CommandRequest): Promise<string[]> {
  if (!config.databaseUrl) {
    const dataDir = path.resolve(config.dataDir);
    const holder = readLiveLock(dataDir);
    if (holder?.socket) {
      const reply = await sendToAdminSocket(holder.socket, request).catch((error: Error) => {
        throw new DataDirBusyError(`${busyMessage(dataDir, holder)} Its command socket did not answer (${error.message}).`);
      });
      if (!reply.ok) throw new AppError(reply.detail, reply.code, 400);
      return reply.lines;
    }
  }
  const db = await openDb(config);
  try {
    if (request.command !== 'migrate') await migrate(db);
    return await runCommand(db, buildServices(db), request);
  } finally {
    await db.close();
  }
}

/**
 * Restores the embedded database from a backup, with the data folder held so no server
 * starts on it meanwhile; a running server is named and must be stopped first.
 */
async function restoreCommand(config: ServerConfig, file: string): Promise<string[]> {
  if (config.databaseUrl) throw new ConfigError(`restore: ${POSTGRES_BACKUP_HINT}`);
  const dataDir = path.resolve(config.dataDir);
  const holder = readLiveLock(dataDir);
  if (holder) throw new DataDirBusyError(`restore: stop the server first. ${busyMessage(dataDir, holder)}`);
  const lock = acquireDataDirLock(dataDir, process.argv.slice(1).join(' '));
  try {
    return await restoreFrom(dataDir, file);
  } finally {
    lock.release();
  }
}

/** A place as typed: trimmed, at most 60 characters, empty as none. */
function placeOption(place: string | undefined): string | undefined {
  const trimmed = place?.trim();
  if (trimmed && trimmed.length > 60) throw new ConfigError(`--place: at most 60 characters, got ${trimmed.length}`);
  return trimmed || undefined;
}

/**
 * Reads a command's flags into its schema: `flags` names the flag of each field, and a
 * refusal names the flag the person typed, not the field («--inn: INN: 10 digits…»).
 */
function fromFlags<S extends z.ZodType>(schema: S, values: Record<string, string | boolean | undefined>, flags: Record<string, string>): z.input<S> {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(flags).map(([field, flag]) => [field, values[flag]])));
  if (parsed.success) return parsed.data as z.input<S>;
  const issue = parsed.error.issues[0]!;
  const field = String(issue.path[0]);
  throw new ConfigError(`${flags[field] ? `--${flags[field]}` : field}: ${issue.message === 'Required' ? 'required' : issue.message}`);
}

function staffRequest(values: Record<string, string | boolean | undefined>): CommandRequest {
  if (values['pin'] !== undefined) {
    throw new ConfigError('--pin: a PIN is never typed on a command line (it stays in the shell history). Leave it out: add-staff prints a one-time code, and the person sets their own PIN on a tablet');
  }
  return { command: 'add-staff', staff: fromFlags(StaffInput, values, { branchCode: 'branch', employeeNo: 'employee-no', name: 'name', role: 'role' }) };
}

/** One person of one branch: `--branch` and `--employee-no`, both required. */
function memberRequest(command: 'reset-pin' | 'deactivate-staff' | 'reactivate-staff' | 'end-sessions', values: Record<string, string | boolean | undefined>): CommandRequest {
  const branchCode = values['branch'];
  const employeeNo = values['employee-no'];
  if (typeof branchCode !== 'string' || typeof employeeNo !== 'string') throw new ConfigError(`${command}: --branch and --employee-no are required`);
  if (!/^\d{3,8}$/.test(employeeNo)) throw new ConfigError('--employee-no: 3–8 digits');
  return { command, branchCode, employeeNo };
}

function branchRequest(values: Record<string, string | boolean | undefined>): CommandRequest {
  return { command: 'add-branch', branch: fromFlags(NewBranch, values, { code: 'code', name: 'name', legalName: 'legal-name', inn: 'inn', address: 'address', timeZone: 'time-zone' }) };
}

/** `--feeds a,b` and `--branches X,Y` as lists (left out: every one), `--days` as a number (0: no end). */
function adminTokenRequest(values: Record<string, string | boolean | undefined>): CommandRequest {
  const list = (v: string | boolean | undefined) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter(Boolean) : null);
  const feeds = list(values['feeds']) ?? [...ADMIN_FEEDS];
  const unknown = feeds.filter((f) => !(ADMIN_FEEDS as readonly string[]).includes(f));
  if (unknown.length || feeds.length === 0) throw new ConfigError(`--feeds: expected some of ${ADMIN_FEEDS.join(', ')}${unknown.length ? `, not ${unknown.join(', ')}` : ''}`);
  const branchCodes = list(values['branches']);
  if (branchCodes && branchCodes.length === 0) throw new ConfigError('--branches: name at least one branch code, or leave it out for every branch');
  const daysText = typeof values['days'] === 'string' ? values['days'] : '365';
  if (!/^\d{1,4}$/.test(daysText) || Number(daysText) > 3650) throw new ConfigError(`--days: a whole number of days up to 3650 (0: no end), not "${daysText}"`);
  const days = Number(daysText) === 0 ? null : Number(daysText);
  const label = typeof values['label'] === 'string' ? values['label'].trim() : '';
  if (!label || label.length > 60) throw new ConfigError('--label: say whose token it is (1–60 characters), e.g. --label "интернет-магазин"');
  return { command: 'admin-token', label, feeds: feeds as (typeof ADMIN_FEEDS)[number][], branchCodes, days };
}

async function start(config: ServerConfig): Promise<void> {
  if (isWorkerPrimary(config.workers)) {
    // Migrate once here, so workers do not queue on the migration lock and a failing
    // migration is reported once.
    // A database that is down is waited for (with backoff), not given up on.
    const db = await openDb(config);
    try { await untilDatabaseAnswers(() => migrate(db), (line) => console.error(line)); } finally { await db.close(); }
    aggregateWorkerMetrics();
    const supervision = superviseWorkers(config.workers, (line) => console.error(line));
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => void supervision.stop(signal).then(() => process.exit(0)));
    }
    await supervision.ready;
    console.log(`okno server: ${config.workers} workers on http://${config.host}:${config.port}`);
    return;
  }
  closeOnSignals(await startServer(config));
}

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  // Asking for the usage is not a mistake: it is printed as it is, and the exit is 0.
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      demo: { type: 'boolean' },
      branch: { type: 'string' },
      role: { type: 'string' },
      'employee-no': { type: 'string' },
      name: { type: 'string' },
      pin: { type: 'string' },
      label: { type: 'string' },
      place: { type: 'string' },
      device: { type: 'string' },
      to: { type: 'string' },
      from: { type: 'string' },
      feeds: { type: 'string' },
      branches: { type: 'string' },
      days: { type: 'string' },
      id: { type: 'string' },
      code: { type: 'string' },
      replaces: { type: 'string' },
      'legal-name': { type: 'string' },
      inn: { type: 'string' },
      address: { type: 'string' },
      'time-zone': { type: 'string' },
    },
    strict: true,
  });
  const config = () => loadServerConfig();
  const print = (lines: string[]) => { for (const line of lines) console.log(line); };
  switch (command) {
    case 'start':
      return start(config());
    case 'migrate':
      return print(await dataCommand(config(), { command: 'migrate' }));
    case 'seed':
      if (!values.demo) throw new ConfigError('seed: only `seed --demo` exists so far');
      return print(await dataCommand(config(), { command: 'seed' }));
    case 'enroll-code': {
      const role = values.role ?? (values.replaces ? undefined : 'kiosk');
      if (role !== undefined && role !== 'kiosk' && role !== 'tablet') throw new ConfigError('--role: expected kiosk or tablet');
      return print(await dataCommand(config(), { command: 'enroll-code', branchCode: values.branch, role, place: placeOption(values.place), replaces: values.replaces }));
    }
    case 'device-place': {
      if (!values.device) throw new ConfigError('device-place: --device is required (the device code, e.g. MSK1-K01)');
      if (values.place === undefined) throw new ConfigError('device-place: --place is required ("" to clear it)');
      return print(await dataCommand(config(), { command: 'device-place', deviceCode: values.device, place: placeOption(values.place) ?? null }));
    }
    case 'add-staff':
      return print(await dataCommand(config(), staffRequest(values)));
    case 'staff': {
      if (typeof values.branch !== 'string') throw new ConfigError('staff: --branch is required');
      return print(await dataCommand(config(), { command: 'staff', branchCode: values.branch }));
    }
    case 'reset-pin':
    case 'deactivate-staff':
    case 'reactivate-staff':
    case 'end-sessions':
      return print(await dataCommand(config(), memberRequest(command, values)));
    case 'add-branch':
      return print(await dataCommand(config(), branchRequest(values)));
    case 'branches':
      return print(await dataCommand(config(), { command: 'branches' }));
    case 'admin-token':
      return print(await dataCommand(config(), adminTokenRequest(values)));
    case 'admin-tokens':
      return print(await dataCommand(config(), { command: 'admin-tokens' }));
    case 'revoke-admin-token': {
      if (!values.id) throw new ConfigError('revoke-admin-token: --id is required (as `admin-tokens` lists it, e.g. 1a2b3c4d)');
      return print(await dataCommand(config(), { command: 'revoke-admin-token', id: values.id }));
    }
    case 'unlock-staff': {
      if (!values.branch || !values['employee-no']) throw new ConfigError('unlock-staff: --branch and --employee-no are required');
      return print(await dataCommand(config(), { command: 'unlock-staff', branchCode: values.branch, employeeNo: values['employee-no'] }));
    }
    case 'revoke-device': {
      if (!values.device) throw new ConfigError('revoke-device: --device is required (the device code, e.g. MSK1-T02)');
      return print(await dataCommand(config(), { command: 'revoke-device', deviceCode: values.device }));
    }
    case 'backup': {
      if (!values.to) throw new ConfigError('backup: --to is required (the new backup file, e.g. /backups/okno-2026-12-03.tar.gz)');
      return print(await dataCommand(config(), { command: 'backup', to: path.resolve(values.to) }));
    }
    case 'restore': {
      if (!values.from) throw new ConfigError('restore: --from is required (a file `backup` wrote)');
      return print(await restoreCommand(config(), path.resolve(values.from)));
    }
    default:
      throw new ConfigError(command ? `unknown command "${command}"\n\n${USAGE}` : USAGE);
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  console.error(cliErrorText(error));
  process.exit(1);
});
