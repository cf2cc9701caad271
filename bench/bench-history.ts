import type { Db } from '../server/db/db';

/**
 * A year of a chain's history in the transaction log, before the bench pushes today's
 * work (issue 21, item 5): `rows` handovers spread evenly over the last 365 days across
 * 5,000 devices of the past, each with its receipt, as the push writes them (the same
 * columns, the same indexes: the log's id and (device, seq), received_at; receipts by
 * number and by branch and time). Written with INSERT … SELECT in chunks, so the indexes
 * are built the way a year of pushes builds them. Devices and orders of the past need no
 * rows of their own: the log and receipts have no foreign keys (001_init.sql says why).
 */
export async function seedHistory(db: Db, rows: number, log: (line: string) => void): Promise<void> {
  const chunk = 500_000;
  const started = Date.now();
  const { rows: [branch] } = await db.query<{ id: string }>(`SELECT id FROM branches WHERE code = 'BNCH'`);
  for (let from = 0; from < rows; from += chunk) {
    const to = Math.min(rows, from + chunk);
    await db.tx(async (q) => {
      // A chunk takes longer than the server's 30 s statement timeout: the seed is no request.
      await q.query('SET LOCAL statement_timeout = 0');
      await q.query(
        `WITH g AS (
           SELECT i, md5('okno-history-device-' || (i % 5000))::uuid AS device_id, (i / 5000) + 1 AS seq,
                  now() - make_interval(secs => (365 * 86400)::float8 * (1 - i::float8 / $3)) AS at,
                  'H' || lpad((i % 5000)::text, 4, '0') || '-' || lpad(((i / 5000) + 1)::text, 9, '0') AS number,
                  md5('okno-history-' || i) AS r
           FROM generate_series($1::bigint, $2::bigint - 1) AS i
         ), h AS (
           -- Ids as devices make them (renderer/db/uuid7.ts): UUIDv7, the time first, so a
           -- year of them lands at the right-hand end of the primary key as real pushes do.
           SELECT g.*, (lpad(to_hex((extract(epoch FROM at) * 1000)::bigint), 12, '0') || '7' || substr(r, 1, 3) || '8' || substr(r, 4, 15))::uuid AS id
           FROM g
         ), log AS (
           INSERT INTO transactions (id, device_id, seq, kind, occurred_at, received_at, payload, status)
           SELECT id, device_id, seq, 'order.pickedUp', at, at,
                  jsonb_build_object('orderCode', lpad((i % 100000000)::text, 8, '0'), 'receiptNumber', number, 'verifiedBy', 'qr'), 'applied'
           FROM h
         )
         INSERT INTO receipts (number, device_id, branch_id, transaction_id, order_code, total_kopecks, issued_at, kind)
         SELECT number, device_id, $4, id, lpad((i % 100000000)::text, 8, '0'), 199000, at, 'pickup' FROM h`,
        [from, to, rows, branch!.id],
      );
    });
    log(`  history: ${to.toLocaleString('en')} of ${rows.toLocaleString('en')} log rows and receipts (${Math.round((Date.now() - started) / 1000)} s)`);
  }
}
