-- Cards issued at the branch (customer.enrolled): the customer's consent to keep their
-- ledger, and the cards a holder had before (a lost card blocked; its successor continues
-- the same book). A kiosk drops a blocked card's holding through its next pull.
ALTER TABLE customers ADD COLUMN ledger_consent_at timestamptz;
ALTER TABLE customers ADD COLUMN ledger_consent_version text;
CREATE TABLE blocked_cards (
  card_number text COLLATE "C" PRIMARY KEY,
  customer_id uuid NOT NULL REFERENCES customers(id),
  blocked_at timestamptz NOT NULL
);
