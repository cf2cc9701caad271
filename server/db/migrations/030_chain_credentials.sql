-- Running a chain (issue 22): credentials that can be scoped, rotated, replaced and ended.

-- Admin tokens name what they may feed and where, and may run out. A token made before
-- scopes keeps what it could do (every feed, every branch, no end): `admin-tokens` lists
-- it so that an operator can replace it with a scoped one and revoke it.
ALTER TABLE admin_tokens
  ADD COLUMN id uuid,
  ADD COLUMN feeds text[],
  ADD COLUMN branch_codes text[],            -- null: every branch
  ADD COLUMN expires_at timestamptz,         -- null: no end
  ADD COLUMN revoked_at timestamptz,
  ADD COLUMN last_used_at timestamptz;
UPDATE admin_tokens SET id = gen_random_uuid(), feeds = ARRAY['orders', 'catalogue', 'passbook'];
ALTER TABLE admin_tokens ALTER COLUMN id SET NOT NULL, ALTER COLUMN feeds SET NOT NULL;
ALTER TABLE admin_tokens ADD CONSTRAINT admin_tokens_id UNIQUE (id);
ALTER TABLE admin_tokens ADD CONSTRAINT admin_tokens_feeds CHECK (feeds <@ ARRAY['orders', 'catalogue', 'passbook'] AND cardinality(feeds) > 0);

-- Device tokens rotate: a device gets a new token in a sync round, and the one it had
-- keeps working until old_token_expires_at, so a lost answer costs the device nothing.
ALTER TABLE devices
  ADD COLUMN token_issued_at timestamptz,
  ADD COLUMN old_token_hash text UNIQUE,
  ADD COLUMN old_token_expires_at timestamptz;
UPDATE devices SET token_issued_at = COALESCE(enrolled_at, now()) WHERE token_hash IS NOT NULL;

-- A code that replaces a device: the new one takes over its name, place and series.
ALTER TABLE enrollment_codes ADD COLUMN replaces_device_id uuid REFERENCES devices(id);

-- Staff who leave are deactivated, never deleted (the audit log names them); a PIN reset
-- clears the PIN and leaves a one-time code with which the person sets a new one on a
-- tablet, so no PIN is ever typed on a command line.
ALTER TABLE staff
  ADD COLUMN deactivated_at timestamptz,
  ADD COLUMN pin_setup_hash text,
  ADD COLUMN pin_setup_expires_at timestamptz,
  ALTER COLUMN pin_hash DROP NOT NULL;

-- The operators' own actions (a branch opened, an admin token made or revoked) belong to
-- no branch.
ALTER TABLE audit_log ALTER COLUMN branch_id DROP NOT NULL;
