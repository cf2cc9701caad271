-- A year of data (issue 21): what lets the retention job prune (server/services/retention/)
-- and the day and kind queries of reports, copies and the audit log use an index.

-- The audit log stays append-only for everybody but the retention job, which says so in
-- its own transaction (SET LOCAL okno.retention = 'prune') and removes only entries the
-- server recorded before the keep period (OKNO_KEEP_RECORDS_DAYS) began.
CREATE OR REPLACE FUNCTION okno_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('okno.retention', true) = 'prune' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END $$;

-- What the job prunes by: when the server received or recorded a row. Each of these
-- columns only grows with time, so each index is written at its right-hand end: a push
-- pays one cheap insert more (docs/benchmarks.md, "A year of data").
CREATE INDEX transactions_received ON transactions (received_at);
CREATE INDEX audit_log_recorded ON audit_log (recorded_at);
CREATE INDEX events_created ON events (created_at);
CREATE INDEX event_tickets_expires ON event_tickets (expires_at);

-- A day's passbook printouts for the copies list (the other documents are receipts,
-- already indexed by branch and time): only printouts are in it, so other pushes pay nothing.
CREATE INDEX transactions_passbook_printed ON transactions (occurred_at) WHERE kind = 'passbook.printed';

-- The day's report: returns and refunds by branch and time, like sales.
CREATE INDEX refunds_branch_day ON refunds (branch_id, occurred_at);
CREATE INDEX order_payments_paid ON order_payments (paid_at);
