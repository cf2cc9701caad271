-- Room for the next flows (issue "Room for the next flows").

-- Every date on a branch's paper is in the branch's own time zone, not the device's.
ALTER TABLE branches ADD COLUMN time_zone text NOT NULL DEFAULT 'Europe/Moscow';

-- Device numbers (the receipt prefix MSK1-K01) come from a counter per branch and role
-- that only grows: two enrolments at once get two numbers (the row lock serialises
-- them), and a removed device's prefix is never handed out again, so no two devices
-- ever print the same receipt numbers.
CREATE TABLE device_code_counters (
  branch_id uuid NOT NULL REFERENCES branches(id),
  role text NOT NULL CHECK (role IN ('kiosk', 'tablet')),
  last_no int NOT NULL,
  PRIMARY KEY (branch_id, role)
);
INSERT INTO device_code_counters (branch_id, role, last_no)
SELECT branch_id, role, max(substring(code FROM '(\d+)$')::int) FROM devices GROUP BY branch_id, role;

-- A pickup's QR carries a secret besides the order code; the shop's SMS or slip shows the
-- code only. The server and kiosks keep a hash of it (like the phone digits'), so a scan
-- proves the customer holds the slip and a typed code alone never skips the phone check.
ALTER TABLE pickup_orders ADD COLUMN scan_secret_hash text;
