-- Codes, receipt numbers and SKUs are ASCII identifiers, compared for equality and used as
-- B-tree keys on every push. Under the database's default collation (often C.UTF-8 or
-- ru_RU.UTF-8) each comparison goes through strcoll; under "C" it is a memcmp. For ASCII
-- the order is the same (by code point), so cursors handed out before this migration
-- still page correctly.
ALTER TABLE pickup_orders ALTER COLUMN code TYPE text COLLATE "C";
ALTER TABLE receipts ALTER COLUMN number TYPE text COLLATE "C";
ALTER TABLE receipts ALTER COLUMN order_code TYPE text COLLATE "C";
ALTER TABLE products ALTER COLUMN sku TYPE text COLLATE "C";
