-- Copies (КОПИЯ) staff printed of the branch's documents (document.reprinted): which
-- document, on which device's printer, by whom, when.
CREATE TABLE document_reprints (
  transaction_id uuid PRIMARY KEY,
  branch_id uuid NOT NULL REFERENCES branches(id),
  receipt_number text NOT NULL,
  printed_on text NOT NULL,
  staff_session_id uuid NOT NULL REFERENCES staff_sessions(id),
  reprinted_at timestamptz NOT NULL
);
CREATE INDEX document_reprints_number ON document_reprints (receipt_number);
CREATE INDEX receipts_branch_issued ON receipts (branch_id, issued_at);
-- A device's recent documents whose printing failed or may have failed, as it last reported them.
ALTER TABLE device_status ADD COLUMN unprinted jsonb NOT NULL DEFAULT '[]';
