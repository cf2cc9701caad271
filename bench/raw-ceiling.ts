import { randomUUID } from 'node:crypto';
import { uuidv7 } from '../renderer/db/uuid7';
import pg from 'pg';

const ROWS_PER_STATEMENT = 100;
const COLUMNS = 7;

/**
 * The ceiling: rows like the transaction log's, inserted straight into PostgreSQL with
 * multi-row `INSERT … VALUES (…), (…) … ON CONFLICT DO NOTHING`, 100 rows a statement,
 * `clients` connections at once. The statement is prepared once per connection and the
 * rows' values are made before the clock starts, so the figure is PostgreSQL's and not
 * the Node client's: made on the fly, the client alone took ~17 µs a row and capped it.
 */
export async function rawCeiling(url: string, schema: string, seconds: number, clients = 8): Promise<{ rowsPerSecond: number; rows: number }> {
  const setup = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await setup.connect();
  await setup.query(`CREATE TABLE raw_ceiling (id uuid PRIMARY KEY, device_id uuid NOT NULL, seq bigint NOT NULL, kind text NOT NULL,
    occurred_at timestamptz NOT NULL, received_at timestamptz NOT NULL DEFAULT now(), payload jsonb NOT NULL,
    status text NOT NULL, reason text, UNIQUE (device_id, seq))`);
  await setup.end();
  const values = Array.from({ length: ROWS_PER_STATEMENT }, (_, i) => {
    const b = i * COLUMNS;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}::jsonb, $${b + 7})`;
  });
  const text = `INSERT INTO raw_ceiling (id, device_id, seq, kind, occurred_at, payload, status) VALUES ${values.join(',')} ON CONFLICT DO NOTHING`;
  // enough statements for 150,000 rows/s per run, made up front
  const perClient = Math.ceil((150_000 * seconds) / clients / ROWS_PER_STATEMENT);
  const made = Array.from({ length: clients }, () => {
    const device = randomUUID();
    let seq = 0;
    return Array.from({ length: perClient }, () => {
      const params: unknown[] = [];
      for (let i = 0; i < ROWS_PER_STATEMENT; i++) {
        seq++;
        const payload = JSON.stringify({ orderCode: '47110004', receiptNumber: `BNCH-K01-${String(seq).padStart(6, '0')}`, verifiedBy: 'qr' });
        params.push(uuidv7(), device, seq, 'order.pickedUp', new Date().toISOString(), payload, 'applied');
      }
      return params;
    });
  });
  const connections = await Promise.all(made.map(async () => {
    const c = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await c.connect();
    return c;
  }));
  let rows = 0;
  const started = Date.now();
  const deadline = started + seconds * 1000;
  await Promise.all(connections.map(async (c, k) => {
    for (const params of made[k]!) {
      if (Date.now() >= deadline) break;
      await c.query({ name: 'raw_ceiling', text, values: params });
      rows += ROWS_PER_STATEMENT;
    }
  }));
  const elapsed = (Date.now() - started) / 1000;
  await Promise.all(connections.map((c) => c.end()));
  return { rowsPerSecond: rows / elapsed, rows };
}
