-- A device taken out of service keeps what it had not sent (a revoked token pushes
-- nothing). Its last report says how much; the branch's supervisor is shown it until they
-- mark it reviewed (issue 22). A replacement taking the device's place clears both.
ALTER TABLE devices
  ADD COLUMN revoked_at timestamptz,
  ADD COLUMN revoked_work_reviewed_at timestamptz;
