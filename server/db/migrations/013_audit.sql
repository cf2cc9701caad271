-- Every staff action, append-only: who (staff id, or the number typed for an unknown one),
-- on which device, when it happened there and when the server learned of it, what, and on
-- what (an order code, a receipt number, a request id: never personal data).
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  branch_id uuid NOT NULL REFERENCES branches(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  occurred_at timestamptz NOT NULL,
  staff_id uuid REFERENCES staff(id),
  employee_no text,
  device_id uuid NOT NULL REFERENCES devices(id),
  action text NOT NULL,
  subject text
);
CREATE INDEX audit_log_branch_day ON audit_log (branch_id, occurred_at);

CREATE FUNCTION okno_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION okno_append_only();
