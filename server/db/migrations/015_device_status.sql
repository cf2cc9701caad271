-- What each device last said about itself (PUT /api/v1/devices/current/status): its queue,
-- its refused transactions, its printer, its version. The report's time is its last contact.
CREATE TABLE device_status (
  device_id uuid PRIMARY KEY REFERENCES devices(id),
  reported_at timestamptz NOT NULL,
  queued int NOT NULL,
  oldest_queued_at timestamptz,
  quarantined int NOT NULL,
  printer text NOT NULL,
  app_version text NOT NULL
);
