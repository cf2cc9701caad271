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
import { isWorkerPrimary, superviseWorkers } from './workers';

const USAGE = `usage: npm run server -- <command> [options]

  start                       migrate and serve the API (PORT, HOST, OKNO_DATA_DIR, DATABASE_URL,
                              OKNO_WORKERS: processes sharing the port, PostgreSQL only)
  migrate                     apply the database migrations
  seed --demo                 load the demo branch (once; a second run changes nothing)
  enroll-code [--branch MSK1] [--role kiosk|tablet] [--place "у входа"]
                              make a one-time device enrolment code (printed as the last line);
                              the place is where the device stands, as staff will read it
  device-place --device MSK1-K01 --place "2 этаж, у лифта"
                              say where an enrolled device stands ("" clears it)
  add-staff --branch MSK1 --employee-no 1004 --name "Имя Фамилия" --role associate|supervisor --pin 1234
  admin-token [--label shop]  make a token for the admin feeds (printed as the last line)
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

function staffRequest(values: Record<string, string | boolean | undefined>): CommandRequest {
  const parsed = StaffInput.safeParse({
    branchCode: values['branch'], employeeNo: values['employee-no'], name: values['name'], role: values['role'], pin: values['pin'],
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = { branchCode: '--branch', employeeNo: '--employee-no', name: '--name', role: '--role', pin: '--pin' }[String(issue.path[0])] ?? String(issue.path[0]);
    throw new ConfigError(`${flag}: ${issue.message}`);
  }
  return { command: 'add-staff', staff: parsed.data };
}

async function start(config: ServerConfig): Promise<void> {
  if (isWorkerPrimary(config.workers)) {
    // Migrate once here, so workers do not queue on the migration lock and a failing
    // migration is reported once.
    // A database that is down is waited for (with backoff), not given up on.
    const db = await openDb(config);
    try { await untilDatabaseAnswers(() => migrate(db), (line) => console.error(line)); } finally { await db.close(); }
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
      const role = values.role ?? 'kiosk';
      if (role !== 'kiosk' && role !== 'tablet') throw new ConfigError('--role: expected kiosk or tablet');
      return print(await dataCommand(config(), { command: 'enroll-code', branchCode: values.branch, role, place: placeOption(values.place) }));
    }
    case 'device-place': {
      if (!values.device) throw new ConfigError('device-place: --device is required (the device code, e.g. MSK1-K01)');
      if (values.place === undefined) throw new ConfigError('device-place: --place is required ("" to clear it)');
      return print(await dataCommand(config(), { command: 'device-place', deviceCode: values.device, place: placeOption(values.place) ?? null }));
    }
    case 'add-staff':
      return print(await dataCommand(config(), staffRequest(values)));
    case 'admin-token':
      return print(await dataCommand(config(), { command: 'admin-token', label: values.label ?? 'cli' }));
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
