/**
 * `npm start`: the one command a newcomer runs. Migrates, loads the demo branch on first
 * run, starts the server and prints what to open or try next.
 */
import { loadServerConfig } from '../server/config';
import { closeOnSignals, startServer } from '../server/main';
import { seedDemo } from '../server/seed/seed-demo';
import { demoData } from '../server/seed/demo-data';
import { createEnrollmentCode } from '../server/services/enrollment-service';
import { formatOrderCode } from '../shared/domain/order-code';

async function main() {
  const config = loadServerConfig();
  const server = await startServer(config, { logger: false });
  closeOnSignals(server);
  const { created } = await seedDemo(server.db);
  const { rows } = await server.db.query<{ code: string }>("SELECT code FROM pickup_orders WHERE status = 'ready' ORDER BY code LIMIT 200");
  const ready = new Set(rows.map((r) => r.code));
  const samples = demoData().orders.filter((o) => ready.has(o.code)).slice(0, 4);
  const enroll = await createEnrollmentCode(server.db, { branchCode: 'MSK1', role: 'kiosk' });
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  console.log(`
okno central server is running at ${server.url}   (data: ${where}${created ? ', demo data just loaded' : ''})

  Health:        ${server.url}/healthz
  API document:  ${server.url}/api/openapi.json

  Demo branch MSK1 «Электроника на Садовой». Ready pickup orders (code / last 4 phone digits):
${samples.map((o) => `    ${formatOrderCode(o.code)}   ${o.phoneLast4}   ${o.input.items.length} item(s), ${o.input.paid ? 'paid' : 'to pay'}`).join('\n')}

  Enrol a kiosk with this one-time code (valid 24 h):  ${enroll.code}
    curl -s -X POST ${server.url}/api/v1/devices/enroll -H 'content-type: application/json' -d '{"code":"${enroll.code}"}'
  Then pull with the token it returns:
    curl -s ${server.url}/api/v1/sync/pull -H 'authorization: Bearer <token>'

  More: npm run server -- --help     Stop: Ctrl+C
`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error && error.name === 'ConfigError' ? `okno: ${error.message}` : error);
  process.exit(1);
});
