-- A device taken out of service (revoked, or replaced by a new one under its name) keeps
-- what it had not sent: a token that no longer works pushes nothing (issue 22). What its
-- last report said it held is kept here at that moment, since the replacement's own
-- reports overwrite device_status, and the branch's supervisors are shown it until one
-- marks it reviewed.
ALTER TABLE devices
  ADD COLUMN revoked_at timestamptz,
  ADD COLUMN revoked_reported_at timestamptz,
  ADD COLUMN revoked_queued int,
  ADD COLUMN revoked_oldest_queued_at timestamptz,
  ADD COLUMN revoked_quarantined int,
  ADD COLUMN revoked_work_reviewed_at timestamptz;

-- Devices revoked before this: when, from the audit log; what they held, from their last report.
UPDATE devices d SET revoked_at = a.at, revoked_reported_at = s.reported_at, revoked_queued = s.queued,
       revoked_oldest_queued_at = s.oldest_queued_at, revoked_quarantined = s.quarantined
FROM (SELECT subject, max(occurred_at) AS at FROM audit_log WHERE action = 'device-revoked' GROUP BY subject) a, device_status s
WHERE d.code = a.subject AND d.token_hash IS NULL AND s.device_id = d.id;
