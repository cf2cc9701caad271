-- Assisted checkout (flow B): sales made at a staff tablet, and their refunds.
-- Written only by the push path (server/services/sync/sale-*.ts), in the batch's transaction.

-- Every document a device numbers comes from one counter per device: a receipt is a
-- pickup's, a sale's or a refund slip's.
ALTER TABLE receipts ADD COLUMN kind text NOT NULL DEFAULT 'pickup' CHECK (kind IN ('pickup', 'sale', 'refund'));

CREATE TABLE sales (
  id uuid PRIMARY KEY,
  branch_id uuid NOT NULL REFERENCES branches(id),
  device_id uuid NOT NULL,
  transaction_id uuid NOT NULL,
  receipt_number text NOT NULL UNIQUE,
  staff_session_id uuid NOT NULL,
  confirmed_on text NOT NULL CHECK (confirmed_on IN ('tablet', 'kiosk')),
  customer_card text,
  total_kopecks bigint NOT NULL,
  occurred_at timestamptz NOT NULL,
  -- what the day's summary points out: 'price-differs' (sold at a price the catalogue no
  -- longer has: changed while the tablet was offline), 'serial-resold' (a serial number
  -- already sold and not returned), 'serials-missing', 'unknown-card'
  flags text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX sales_branch_day ON sales (branch_id, occurred_at);

CREATE TABLE sale_lines (
  sale_id uuid NOT NULL REFERENCES sales(id),
  sku text COLLATE "C" NOT NULL,
  qty int NOT NULL CHECK (qty > 0),
  price_kopecks bigint NOT NULL,            -- what the customer confirmed and paid
  catalogue_price_kopecks bigint NOT NULL,  -- the server's catalogue when the sale arrived
  serials text[] NOT NULL DEFAULT '{}',
  refunded_qty int NOT NULL DEFAULT 0 CHECK (refunded_qty BETWEEN 0 AND qty),
  PRIMARY KEY (sale_id, sku)
);

CREATE TABLE sale_payments (
  sale_id uuid PRIMARY KEY REFERENCES sales(id),
  method text NOT NULL CHECK (method IN ('cash', 'card')),
  amount_kopecks bigint NOT NULL,
  tendered_kopecks bigint,
  change_kopecks bigint,
  terminal_ref text,
  card_last4 text CHECK (card_last4 ~ '^[0-9]{4}$')
);

-- Serial numbers sold, each with its sale; a return marks it. Not unique: a serial sold
-- twice is applied and flagged (the goods left the shop either way), never lost.
CREATE TABLE sold_serials (
  sku text COLLATE "C" NOT NULL,
  serial text NOT NULL,
  sale_id uuid NOT NULL REFERENCES sales(id),
  refunded_at timestamptz
);
CREATE INDEX sold_serials_serial ON sold_serials (sku, serial);

CREATE TABLE refunds (
  id uuid PRIMARY KEY,
  sale_id uuid NOT NULL REFERENCES sales(id),
  branch_id uuid NOT NULL REFERENCES branches(id),
  device_id uuid NOT NULL,
  transaction_id uuid NOT NULL,
  receipt_number text NOT NULL UNIQUE,
  staff_session_id uuid NOT NULL,
  method text NOT NULL CHECK (method IN ('cash', 'card')),
  amount_kopecks bigint NOT NULL,
  occurred_at timestamptz NOT NULL
);

CREATE TABLE refund_lines (
  refund_id uuid NOT NULL REFERENCES refunds(id),
  sku text COLLATE "C" NOT NULL,
  qty int NOT NULL CHECK (qty > 0),
  serials text[] NOT NULL DEFAULT '{}',
  amount_kopecks bigint NOT NULL,
  PRIMARY KEY (refund_id, sku)
);
