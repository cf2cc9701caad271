-- What a device taken out of service (revoked, or replaced under its name) had not sent,
-- as its last report said at that moment: one row each time, kept until a supervisor of
-- the branch marks it reviewed (issue 22). 032 kept it on the device's own row, where a
-- second taking-out of the same name (a replacement stolen in turn) overwrote the first
-- before anyone saw it; its columns go.
CREATE TABLE device_work_left (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  device_id uuid NOT NULL REFERENCES devices(id),
  branch_id uuid NOT NULL REFERENCES branches(id),
  code text NOT NULL,
  role text NOT NULL CHECK (role IN ('kiosk', 'tablet')),
  place text,
  taken_out_at timestamptz NOT NULL,
  reported_at timestamptz NOT NULL,
  queued int NOT NULL,
  oldest_queued_at timestamptz,
  quarantined int NOT NULL,
  reviewed_at timestamptz,
  CHECK (queued > 0 OR quarantined > 0)
);
CREATE INDEX device_work_left_open ON device_work_left (branch_id, taken_out_at) WHERE reviewed_at IS NULL;

-- Devices revoked before, not yet reviewed: when, from the audit log; what they held, from their last report.
INSERT INTO device_work_left (device_id, branch_id, code, role, place, taken_out_at, reported_at, queued, oldest_queued_at, quarantined)
SELECT d.id, d.branch_id, d.code, d.role, d.place, a.at, s.reported_at, s.queued, s.oldest_queued_at, s.quarantined
FROM devices d
JOIN device_status s ON s.device_id = d.id
JOIN (SELECT subject, max(occurred_at) AS at FROM audit_log WHERE action = 'device-revoked' GROUP BY subject) a ON a.subject = d.code
WHERE d.token_hash IS NULL AND d.revoked_work_reviewed_at IS NULL AND (s.queued > 0 OR s.quarantined > 0);

ALTER TABLE devices
  DROP COLUMN IF EXISTS revoked_at,
  DROP COLUMN IF EXISTS revoked_reported_at,
  DROP COLUMN IF EXISTS revoked_queued,
  DROP COLUMN IF EXISTS revoked_oldest_queued_at,
  DROP COLUMN IF EXISTS revoked_quarantined,
  DROP COLUMN IF EXISTS revoked_work_reviewed_at;
