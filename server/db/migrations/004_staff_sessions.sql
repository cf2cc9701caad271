-- The staff tablet: sign-in with an employee number and a PIN, sessions bound to a
-- tablet, and payments recorded by staff (issue "The staff tablet").

-- Failed sign-ins per branch and employee number, whether or not the number exists: an
-- unknown number must answer, and lock, exactly like a wrong PIN, so trying numbers
-- tells nobody which ones are real.
CREATE TABLE staff_sign_in_failures (
  branch_id uuid NOT NULL REFERENCES branches(id),
  employee_no text NOT NULL,
  failed_attempts int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  PRIMARY KEY (branch_id, employee_no)
);

-- A signed-in staff member on one tablet, for one shift. The token is stored hashed; the
-- session is valid from created_at until the earlier of expires_at and ended_at.
CREATE TABLE staff_sessions (
  id uuid PRIMARY KEY,
  staff_id uuid NOT NULL REFERENCES staff(id),
  device_id uuid NOT NULL REFERENCES devices(id),
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX staff_sessions_device ON staff_sessions (device_id);

-- A payment staff recorded for a pickup order (order.paid): one per order, by the
-- transaction that recorded it.
CREATE TABLE order_payments (
  order_code text COLLATE "C" PRIMARY KEY REFERENCES pickup_orders(code),
  transaction_id uuid NOT NULL,
  device_id uuid NOT NULL,
  staff_session_id uuid NOT NULL,
  method text NOT NULL CHECK (method IN ('cash', 'card')),
  amount_kopecks bigint NOT NULL,
  tendered_kopecks bigint,
  change_kopecks bigint,
  terminal_ref text,
  paid_at timestamptz NOT NULL
);
