-- A tablet's cart shown on a kiosk for the customer to confirm (assisted checkout). Only
-- the kiosk it was sent to answers it, once; the answer goes to the tablets as an event.
CREATE TABLE kiosk_confirmations (
  id uuid PRIMARY KEY,
  branch_id uuid NOT NULL REFERENCES branches(id),
  tablet_id uuid NOT NULL REFERENCES devices(id),
  kiosk_id uuid NOT NULL REFERENCES devices(id),
  staff_session_id uuid NOT NULL REFERENCES staff_sessions(id),
  total_kopecks bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  answer text CHECK (answer IN ('confirmed', 'cancelled', 'busy')),
  answered_at timestamptz
);
