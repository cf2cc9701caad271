-- A supervisor's resolution of a rejected transaction (rejection.resolved): handled with a
-- note, or corrected by another, applied transaction. One per rejected transaction.
CREATE TABLE rejection_resolutions (
  transaction_id uuid PRIMARY KEY REFERENCES transactions(id),
  resolution_tx uuid NOT NULL,
  action text NOT NULL CHECK (action IN ('handled', 'corrected')),
  note text NOT NULL,
  correcting_tx uuid REFERENCES transactions(id),
  staff_session_id uuid NOT NULL REFERENCES staff_sessions(id),
  resolved_at timestamptz NOT NULL
);
-- The branch's rejected transactions, newest first, without reading every applied one.
CREATE INDEX transactions_rejected ON transactions (device_id, received_at) WHERE status = 'rejected';
