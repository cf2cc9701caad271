-- The passbook: each card's book as the back office set it up, and the "printed through"
-- mark: the last ledger line already on paper, with its page and line in the book. The mark
-- moves only forward (passbook.printed); overlapping printouts (two kiosks offline) are kept
-- for staff to look at, never shown to the customer as an error.
ALTER TABLE customers ADD COLUMN lines_per_page int NOT NULL DEFAULT 24 CHECK (lines_per_page BETWEEN 4 AND 100);
ALTER TABLE customers ADD COLUMN printed_through int NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN printed_page int NOT NULL DEFAULT 1;
ALTER TABLE customers ADD COLUMN printed_line int NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

CREATE TABLE passbook_overlaps (
  transaction_id uuid PRIMARY KEY,
  customer_id uuid NOT NULL REFERENCES customers(id),
  device_id uuid NOT NULL,
  from_line int NOT NULL,
  through_line int NOT NULL,
  printed_through_before int NOT NULL,
  occurred_at timestamptz NOT NULL
);
