-- Live events between a branch's kiosks and tablets (issue "The staff tablet"). The facts
-- travel as transactions through the outbox; events only tell the other devices at once.

-- Event ids grow per branch and survive restarts: a reconnecting device asks for what
-- came after the last id it saw.
CREATE TABLE branch_event_counters (
  branch_id uuid PRIMARY KEY REFERENCES branches(id),
  last_id bigint NOT NULL
);

CREATE TABLE events (
  branch_id uuid NOT NULL REFERENCES branches(id),
  id bigint NOT NULL,
  -- staff: every signed-in tablet of the branch; device: the one device named
  audience text NOT NULL CHECK (audience IN ('staff', 'device')),
  device_id uuid,
  name text NOT NULL,
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (branch_id, id),
  CHECK ((audience = 'device') = (device_id IS NOT NULL))
);

-- EventSource cannot send headers: a device trades its token (and a tablet its staff
-- session) for a one-use ticket that goes in the stream's URL instead.
CREATE TABLE event_tickets (
  ticket_hash text PRIMARY KEY,
  device_id uuid NOT NULL REFERENCES devices(id),
  staff_session_id uuid REFERENCES staff_sessions(id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
