/**
 * Every table that grows, and when its rows go (docs/operations.md, "What is kept, and for
 * how long"). A rule is one DELETE of at most $2 rows older than $1; the job runs it again
 * until it deletes fewer, so no statement holds locks for long and a first run over years
 * of data proceeds a batch at a time. Rules run in this order: a row goes only after the
 * rows that refer to it.
 *
 * Tables not here do not grow with traffic: branches, devices, staff, products (the
 * catalogue), device_status and device_code_counters (one row a device), branch counters,
 * blocked_cards (one row a lost card). Customers and their ledger_entries are accounts,
 * not logs: a holder's book is kept while the account is.
 */
export type RetentionRule = {
  table: string;
  /** what sets the cutoff: the event replay window, now (dead rows), the lockout window, or the records' keep period */
  keep: 'events' | 'dead' | 'attempts' | 'records';
  /** $1: the cutoff (timestamptz); $2: the batch size. Returns a row for each row of `table` it deleted. */
  sql: string;
  /** the audit log refuses deletes unless the transaction says it is the job (migration 029) */
  auditPrune?: true;
};

/** Deletes the rows of `table` that `where` picks, at most $2 of them, by their physical address. */
const batch = (table: string, where: string) =>
  `DELETE FROM ${table} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${table} WHERE ${where} LIMIT $2)) RETURNING 1`;

export const RETENTION_RULES: RetentionRule[] = [
  // Live events are hints (the facts come by pull); a device away longer than the window
  // gets what is left and pulls the rest.
  { table: 'events', keep: 'events', sql: batch('events', 'created_at < $1') },
  // A ticket is used once, within its minute.
  { table: 'event_tickets', keep: 'dead', sql: batch('event_tickets', '(used_at IS NOT NULL OR expires_at < $1)') },
  // A count of wrong tries whose last try is older than its lock counts as none (attempt-count.ts).
  ...['staff_sign_in_failures', 'staff_sign_in_device_failures', 'order_phone_checks'].map((table): RetentionRule => ({
    table, keep: 'attempts', sql: batch(table, `coalesce(locked_until, '-infinity') < now() AND coalesce(last_failed_at, '-infinity') < $1`),
  })),

  // The records: kept as long as the branch's law requires (OKNO_KEEP_RECORDS_DAYS).
  { table: 'rejection_resolutions', keep: 'records', sql: batch('rejection_resolutions', 'resolved_at < $1') },
  {
    table: 'transactions', keep: 'records',
    sql: batch('transactions', `received_at < $1 AND NOT EXISTS (SELECT 1 FROM rejection_resolutions r WHERE r.transaction_id = transactions.id OR r.correcting_tx = transactions.id)`),
  },
  { table: 'device_seq_gaps', keep: 'records', sql: batch('device_seq_gaps', 'detected_at < $1') },
  { table: 'receipts', keep: 'records', sql: batch('receipts', 'issued_at < $1') },
  { table: 'document_reprints', keep: 'records', sql: batch('document_reprints', 'reprinted_at < $1') },
  { table: 'audit_log', keep: 'records', sql: batch('audit_log', 'recorded_at < $1'), auditPrune: true },
  { table: 'kiosk_confirmations', keep: 'records', sql: batch('kiosk_confirmations', 'created_at < $1') },
  { table: 'assistance_requests', keep: 'records', sql: batch('assistance_requests', `requested_at < $1 AND status IN ('resolved', 'cancelled')`) },
  { table: 'passbook_overlaps', keep: 'records', sql: batch('passbook_overlaps', 'occurred_at < $1') },
  // A sale goes with its lines, payment, serials and refunds, once the last of them is old.
  // One statement: the foreign keys are checked at its end, when all of them are gone.
  {
    table: 'sales', keep: 'records',
    sql: `WITH s AS (SELECT id FROM sales WHERE occurred_at < $1
                      AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.sale_id = sales.id AND r.occurred_at >= $1) LIMIT $2),
               r AS (SELECT id FROM refunds WHERE sale_id IN (SELECT id FROM s)),
               rl AS (DELETE FROM refund_lines WHERE refund_id IN (SELECT id FROM r)),
               rf AS (DELETE FROM refunds WHERE id IN (SELECT id FROM r)),
               sl AS (DELETE FROM sale_lines WHERE sale_id IN (SELECT id FROM s)),
               sp AS (DELETE FROM sale_payments WHERE sale_id IN (SELECT id FROM s)),
               ss AS (DELETE FROM sold_serials WHERE sale_id IN (SELECT id FROM s))
          DELETE FROM sales WHERE id IN (SELECT id FROM s) RETURNING 1`,
  },
  // A finished order goes with its payment, wait, phone-digit count and returns.
  {
    table: 'pickup_orders', keep: 'records',
    sql: `WITH o AS (SELECT code FROM pickup_orders WHERE status IN ('picked_up', 'cancelled') AND updated_at < $1
                      AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.order_code = pickup_orders.code AND r.occurred_at >= $1) LIMIT $2),
               r AS (SELECT id FROM refunds WHERE order_code IN (SELECT code FROM o)),
               rl AS (DELETE FROM refund_lines WHERE refund_id IN (SELECT id FROM r)),
               rf AS (DELETE FROM refunds WHERE id IN (SELECT id FROM r)),
               op AS (DELETE FROM order_payments WHERE order_code IN (SELECT code FROM o)),
               pw AS (DELETE FROM pickup_waits WHERE order_code IN (SELECT code FROM o)),
               pc AS (DELETE FROM order_phone_checks WHERE order_code IN (SELECT code FROM o))
          DELETE FROM pickup_orders WHERE code IN (SELECT code FROM o) RETURNING 1`,
  },
  // A session goes once nothing kept refers to it.
  {
    table: 'staff_sessions', keep: 'records',
    sql: batch('staff_sessions', `least(coalesce(ended_at, expires_at), expires_at) < $1
      AND NOT EXISTS (SELECT 1 FROM event_tickets x WHERE x.staff_session_id = staff_sessions.id)
      AND NOT EXISTS (SELECT 1 FROM assistance_requests x WHERE x.accepted_by_session = staff_sessions.id)
      AND NOT EXISTS (SELECT 1 FROM pickup_waits x WHERE x.brought_by_session = staff_sessions.id)
      AND NOT EXISTS (SELECT 1 FROM kiosk_confirmations x WHERE x.staff_session_id = staff_sessions.id)
      AND NOT EXISTS (SELECT 1 FROM rejection_resolutions x WHERE x.staff_session_id = staff_sessions.id)
      AND NOT EXISTS (SELECT 1 FROM document_reprints x WHERE x.staff_session_id = staff_sessions.id)`),
  },
];
