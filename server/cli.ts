import { parseArgs } from 'node:util';
import { loadServerConfig } from './config';
import type { Db } from './db/db';
import { openDb } from './db/open-db';
import { migrate } from './db/migrate';
import { ConfigError } from './errors';
import { seedDemo } from './seed/seed-demo';
import { createAdminToken, createEnrollmentCode } from './services/enrollment-service';
import { addStaff, StaffInput } from './services/staff-service';
import { closeOnSignals, startServer } from './main';
import { isWorkerPrimary, superviseWorkers } from './workers';

const USAGE = `usage: npm run server -- <command> [options]

  start                       migrate and serve the API (PORT, HOST, OKNO_DATA_DIR, DATABASE_URL,
                              OKNO_WORKERS: processes sharing the port, PostgreSQL only)
  migrate                     apply the database migrations
  seed --demo                 load the demo branch (once; a second run changes nothing)
  enroll-code [--branch MSK1] [--role kiosk|tablet]
                              make a one-time device enrolment code (printed as the last line)
  add-staff --branch MSK1 --employee-no 1004 --name "Имя Фамилия" --role associate|supervisor --pin 1234
  admin-token [--label shop]  make a token for the admin feeds (printed as the last line)`;

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb(loadServerConfig());
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
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
    },
    strict: true,
  });
  switch (command) {
    case 'start': {
      const config = loadServerConfig();
      if (isWorkerPrimary(config.workers)) {
        // Migrate once here, so workers do not queue on the migration lock and a failing
        // migration is reported once.
        await withDb((db) => migrate(db));
        const supervision = superviseWorkers(config.workers, (line) => console.error(line));
        for (const signal of ['SIGINT', 'SIGTERM'] as const) {
          process.once(signal, () => void supervision.stop(signal).then(() => process.exit(0)));
        }
        await supervision.ready;
        console.log(`okno server: ${config.workers} workers on http://${config.host}:${config.port}`);
        return;
      }
      const server = await startServer(config);
      closeOnSignals(server);
      return;
    }
    case 'migrate': {
      const applied = await withDb((db) => migrate(db));
      console.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'the database is up to date');
      return;
    }
    case 'seed': {
      if (!values.demo) throw new ConfigError('seed: only `seed --demo` exists so far');
      const { created } = await withDb((db) => seedDemo(db));
      console.log(created ? 'demo data loaded: branch MSK1' : 'demo data was already there: nothing changed');
      return;
    }
    case 'enroll-code': {
      const role = values.role ?? 'kiosk';
      if (role !== 'kiosk' && role !== 'tablet') throw new ConfigError('--role: expected kiosk or tablet');
      const made = await withDb((db) => createEnrollmentCode(db, { branchCode: values.branch, role }));
      console.log(`one-time ${role} enrolment code for branch ${made.branchCode}, valid until ${made.expiresAt.toISOString()}:`);
      console.log(made.code);
      return;
    }
    case 'add-staff': {
      const parsed = StaffInput.safeParse({
        branchCode: values.branch, employeeNo: values['employee-no'], name: values.name, role: values.role, pin: values.pin,
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const flag = { branchCode: '--branch', employeeNo: '--employee-no', name: '--name', role: '--role', pin: '--pin' }[String(issue.path[0])] ?? String(issue.path[0]);
        throw new ConfigError(`${flag}: ${issue.message}`);
      }
      await withDb((db) => addStaff(db, parsed.data));
      console.log(`staff ${parsed.data.employeeNo} added to branch ${parsed.data.branchCode}`);
      return;
    }
    case 'admin-token': {
      const token = await withDb((db) => createAdminToken(db, values.label ?? 'cli'));
      console.log('admin token (shown once; keep it secret):');
      console.log(token);
      return;
    }
    default:
      throw new ConfigError(command ? `unknown command "${command}"\n\n${USAGE}` : USAGE);
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  // Known mistakes get one clear line; anything else is a bug and keeps its stack.
  const known = error instanceof ConfigError || (error instanceof Error && ['AppError', 'ConflictError', 'MigrationError'].includes(error.name)) || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
  console.error(known ? `okno: ${(error as Error).message}` : error);
  process.exit(1);
});
