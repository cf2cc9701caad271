-- Staff authority you can prove, time you can trust (issue 20).

-- A session's public key (SPKI, base64): the tablet made the key pair at sign-in and
-- keeps the private half as a non-extractable WebCrypto key; every staff transaction of
-- the session is signed with it. Sessions opened before this release have none and are
-- marked legacy: until they run out (a shift at most) their queued work is judged the
-- old way, by its time, so an upgrade loses none of it.
ALTER TABLE staff_sessions ADD COLUMN public_key text;
ALTER TABLE staff_sessions ADD COLUMN legacy boolean NOT NULL DEFAULT true;
ALTER TABLE staff_sessions ALTER COLUMN legacy SET DEFAULT false;
-- The seq of the tablet's staff.signedOut: its staff transactions after it are refused,
-- whatever time they claim.
ALTER TABLE staff_sessions ADD COLUMN ended_seq bigint;
-- The tablet locked itself (it said so): the session serves nothing but its unlock, its
-- sign-out and its event stream until the PIN opens it again.
ALTER TABLE staff_sessions ADD COLUMN locked_at timestamptz;

-- Wrong PINs counted per tablet and number as well: five on one tablet lock that number
-- on that tablet only; the count per number (staff_sign_in_failures) locks it everywhere
-- only at a higher count, which one tablet cannot reach alone. A supervisor, or the
-- CLI, lifts either.
CREATE TABLE staff_sign_in_device_failures (
  device_id uuid NOT NULL REFERENCES devices(id),
  employee_no text NOT NULL,
  failed_attempts int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_failed_at timestamptz,
  PRIMARY KEY (device_id, employee_no)
);
ALTER TABLE staff_sign_in_failures ADD COLUMN last_failed_at timestamptz;

-- The device's own clock beside the corrected time a transaction carries, to tell a
-- wrong clock from a wrong time; never used by a rule.
ALTER TABLE transactions ADD COLUMN device_time timestamptz;

-- A number unlocked from the server's CLI is recorded with no device.
ALTER TABLE audit_log ALTER COLUMN device_id DROP NOT NULL;

-- Wrong phone digits per order, counted on the server whatever kiosk or visit they come
-- from: the 10^4 possible endings are not guessed one visit (3 tries) at a time.
CREATE TABLE order_phone_checks (
  order_code text COLLATE "C" PRIMARY KEY REFERENCES pickup_orders(code),
  failed_attempts int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_failed_at timestamptz
);
