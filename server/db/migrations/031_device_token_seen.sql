-- Device token rotation (issue 22), from a review: once a device has used its current
-- token, its old one (still in its grace period) mints no other. Else whoever copied the
-- old token could, a minute after a rotation, take a new one and kill the real device's.
-- Tokens in use before this column count as seen.
ALTER TABLE devices ADD COLUMN token_seen_at timestamptz;
UPDATE devices SET token_seen_at = now() WHERE token_hash IS NOT NULL;
