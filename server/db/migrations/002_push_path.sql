-- What every push does, made cheaper (figures in docs/benchmarks.md).

-- Codes, receipt numbers and SKUs are ASCII identifiers, compared for equality and used as
-- B-tree keys on every push. Under the database's default collation (often C.UTF-8 or
-- ru_RU.UTF-8) each comparison goes through strcoll; under "C" it is a memcmp. For ASCII
-- the order is the same (by code point), so cursors handed out before this migration
-- still page correctly.
ALTER TABLE pickup_orders ALTER COLUMN code TYPE text COLLATE "C";
ALTER TABLE receipts ALTER COLUMN number TYPE text COLLATE "C";
ALTER TABLE receipts ALTER COLUMN order_code TYPE text COLLATE "C";
ALTER TABLE products ALTER COLUMN sku TYPE text COLLATE "C";

-- The push stamps change_xid and updated_at in its own UPDATE; calling the PL/pgSQL
-- trigger for each of its rows only to write the same values cost ~4 % of PostgreSQL's
-- time in a push. The trigger still stamps every other write, and any write that forgets.
DROP TRIGGER pickup_orders_touch ON pickup_orders;
CREATE TRIGGER pickup_orders_touch BEFORE INSERT ON pickup_orders
  FOR EACH ROW EXECUTE FUNCTION okno_touch();
CREATE TRIGGER pickup_orders_touch_update BEFORE UPDATE ON pickup_orders
  FOR EACH ROW WHEN (NEW.change_xid IS DISTINCT FROM pg_current_xact_id())
  EXECUTE FUNCTION okno_touch();

-- A retry is told from a conflicting reuse of an id by comparing the logged transaction
-- itself (kind, seq, time, payload as jsonb), so no hash is computed and stored for
-- every transaction just in case it is retried.
ALTER TABLE transactions DROP COLUMN payload_hash;
