-- Issue 19: a device says in its status report why its sync cannot go on by itself
-- (a fault on the device, a batch the server refuses, an update it needs), so the back
-- office sees it as an alert instead of a device that is merely "not syncing".
ALTER TABLE device_status ADD COLUMN sync_problem jsonb;
