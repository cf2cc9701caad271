-- okno central schema, version 1. Forward-only: never edit a migration that has shipped;
-- add the next numbered file instead.

CREATE TABLE branches (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  legal_name text NOT NULL,
  inn text NOT NULL,
  ogrn text,
  address text NOT NULL,
  service_centre text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE devices (
  id uuid PRIMARY KEY,
  branch_id uuid NOT NULL REFERENCES branches(id),
  code text NOT NULL UNIQUE,             -- receipt-number prefix, e.g. MSK1-K01
  role text NOT NULL CHECK (role IN ('kiosk', 'tablet')),
  token_hash text UNIQUE,                -- sha256 of the bearer token; null until enrolled
  max_seq bigint NOT NULL DEFAULT 0,     -- highest transaction seq seen from this device
  enrolled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE enrollment_codes (
  code_hash text PRIMARY KEY,
  branch_id uuid NOT NULL REFERENCES branches(id),
  role text NOT NULL CHECK (role IN ('kiosk', 'tablet')),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  device_id uuid REFERENCES devices(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE admin_tokens (
  token_hash text PRIMARY KEY,
  label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff (
  id uuid PRIMARY KEY,
  branch_id uuid NOT NULL REFERENCES branches(id),
  employee_no text NOT NULL UNIQUE,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('associate', 'supervisor')),
  pin_hash text NOT NULL,                -- scrypt, see server/services/pin-hash.ts
  failed_attempts int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- change_xid: the transaction that last wrote the row. Pulls page by it (see
-- server/services/sync/pull-service.ts for why a sequence number would lose rows).
CREATE FUNCTION okno_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.change_xid := pg_current_xact_id();
  NEW.updated_at := now();
  RETURN NEW;
END $$;

CREATE TABLE products (
  sku text PRIMARY KEY,
  ean13 text NOT NULL UNIQUE,
  name_ru text NOT NULL,
  name_en text NOT NULL,
  model text,
  price_kopecks bigint NOT NULL CHECK (price_kopecks >= 0),
  warranty_months int NOT NULL DEFAULT 0,
  serial_required boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  change_xid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX products_change ON products (change_xid, sku);
CREATE TRIGGER products_touch BEFORE INSERT OR UPDATE ON products
  FOR EACH ROW EXECUTE FUNCTION okno_touch();

CREATE TABLE pickup_orders (
  code text PRIMARY KEY,
  branch_id uuid NOT NULL REFERENCES branches(id),
  customer_short_name text NOT NULL,      -- "Иван П.", never the full name
  phone_masked text NOT NULL,             -- "+7 ••• •••-••-67"
  phone_last4_hash text NOT NULL,         -- phoneLast4Hash(code, last4)
  items jsonb NOT NULL,
  total_kopecks bigint NOT NULL,
  paid boolean NOT NULL,
  shelf text,
  source text,
  status text NOT NULL CHECK (status IN ('ready', 'picked_up', 'cancelled')),
  picked_up_at timestamptz,
  picked_up_device uuid,                  -- no FK: written only by the push service (see transactions)
  picked_up_tx uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  change_xid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX pickup_orders_change ON pickup_orders (branch_id, change_xid, code);
CREATE TRIGGER pickup_orders_touch BEFORE INSERT OR UPDATE ON pickup_orders
  FOR EACH ROW EXECUTE FUNCTION okno_touch();

CREATE TABLE customers (
  id uuid PRIMARY KEY,
  branch_id uuid NOT NULL REFERENCES branches(id),
  short_name text NOT NULL,
  card_number text NOT NULL UNIQUE,       -- printed as a barcode on the passbook card
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledger_entries (
  id uuid PRIMARY KEY,
  customer_id uuid NOT NULL REFERENCES customers(id),
  line_no int NOT NULL,                   -- 1, 2, 3 … per customer: passbook line order
  posted_at timestamptz NOT NULL,
  text_ru text NOT NULL,
  text_en text NOT NULL,
  amount_kopecks bigint NOT NULL,
  balance_kopecks bigint NOT NULL,
  UNIQUE (customer_id, line_no)
);

-- The transaction log: one row per transaction id, forever (not a 24-hour window: a kiosk
-- can be offline for longer). A duplicate push returns what this row says.
--
-- No foreign keys on transactions and receipts: a row-by-row key check costs more than
-- the insert itself at thousands of rows a second, and these rows are written by one
-- code path only (server/services/sync/push-service.ts), which holds a lock on the
-- device row for the whole batch and writes a receipt in the same statement as its
-- transaction.
CREATE TABLE transactions (
  id uuid PRIMARY KEY,
  device_id uuid NOT NULL,
  seq bigint NOT NULL,
  kind text NOT NULL,
  occurred_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  payload jsonb NOT NULL,
  payload_hash text NOT NULL,
  status text NOT NULL CHECK (status IN ('applied', 'rejected')),
  reason text,
  UNIQUE (device_id, seq)
);

-- Missing per-device seqs, recorded when a higher seq arrives first. A gap that later
-- fills is still listed; the report joins transactions to tell which seqs are still out.
CREATE TABLE device_seq_gaps (
  device_id uuid NOT NULL,
  seq_from bigint NOT NULL,
  seq_to bigint NOT NULL,
  detected_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, seq_from)
);

CREATE TABLE receipts (
  number text PRIMARY KEY,
  device_id uuid NOT NULL,
  branch_id uuid NOT NULL,
  transaction_id uuid NOT NULL,
  order_code text,
  total_kopecks bigint NOT NULL,
  issued_at timestamptz NOT NULL
);
