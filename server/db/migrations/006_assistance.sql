-- "Позвать сотрудника": a customer's call for help from a kiosk, and who took it.
CREATE TABLE assistance_requests (
  id uuid PRIMARY KEY,                    -- the request id the kiosk made
  branch_id uuid NOT NULL REFERENCES branches(id),
  device_id uuid NOT NULL REFERENCES devices(id),
  screen text NOT NULL,
  context jsonb NOT NULL,                 -- what the customer already did; never phone digits
  status text NOT NULL CHECK (status IN ('open', 'accepted', 'resolved', 'cancelled')),
  requested_at timestamptz NOT NULL,
  accepted_by_session uuid REFERENCES staff_sessions(id),
  accepted_at timestamptz
);
CREATE INDEX assistance_open ON assistance_requests (branch_id, status, requested_at);
