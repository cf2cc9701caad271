/** The server under load, in its own process so the load generator does not share its event loop. */
import { buildApp } from '../server/app';
import { openPostgres } from '../server/db/pg-db';

const db = await openPostgres({ connectionString: process.env.DATABASE_URL!, schema: process.env.BENCH_SCHEMA, max: Number(process.env.BENCH_POOL ?? 20) });
const app = await buildApp({ db, logger: false });
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.send?.('listening');
process.on('disconnect', () => void app.close().then(() => db.close()).then(() => process.exit(0)));
