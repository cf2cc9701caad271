import { randomUUID } from 'node:crypto';
import { uuidv7 } from '../renderer/db/uuid7';
import pg from 'pg';

/**
 * The ceiling: rows like the transaction log's, inserted straight into PostgreSQL with
 * multi-row `INSERT … ON CONFLICT DO NOTHING`, 100 rows a statement, `clients` at once.
 */
export async function rawCeiling(url: string, schema: string, seconds: number, clients = 8): Promise<number> {
  const setup = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await setup.connect();
  await setup.query(`CREATE TABLE raw_ceiling (id uuid PRIMARY KEY, device_id uuid NOT NULL, seq bigint NOT NULL, kind text NOT NULL,
    occurred_at timestamptz NOT NULL, received_at timestamptz NOT NULL DEFAULT now(), payload jsonb NOT NULL,
    status text NOT NULL, reason text, UNIQUE (device_id, seq))`);
  await setup.end();
  const deadline = Date.now() + seconds * 1000;
  let rows = 0;
  const worker = async () => {
    const c = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await c.connect();
    const device = randomUUID();
    let seq = 0;
    while (Date.now() < deadline) {
      const values: string[] = [];
      const params: unknown[] = [];
      for (let i = 0; i < 100; i++) {
        seq++;
        const payload = JSON.stringify({ orderCode: '47110004', receiptNumber: `BNCH-K01-${String(seq).padStart(6, '0')}`, verifiedBy: 'qr' });
        params.push(uuidv7(), device, seq, 'order.pickedUp', new Date().toISOString(), payload, 'applied');
        const b = i * 7;
        values.push(`($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}::jsonb, $${b + 7})`);
      }
      await c.query(`INSERT INTO raw_ceiling (id, device_id, seq, kind, occurred_at, payload, status) VALUES ${values.join(',')} ON CONFLICT DO NOTHING`, params);
      rows += 100;
    }
    await c.end();
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: clients }, worker));
  return rows / ((Date.now() - started) / 1000);
}
