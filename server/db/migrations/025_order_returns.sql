-- Returns of goods from handed-over pickup orders (order.returned, issue 24).
--
-- One record of goods taken back and money paid back, whatever they came from: a refund
-- names its sale, or (now) the pickup order it was handed over with, never both. The
-- rules are one piece of code for both (server/services/sync/take-back.ts), the day's
-- summary and the slip's copy read one table.
ALTER TABLE refunds ALTER COLUMN sale_id DROP NOT NULL;
ALTER TABLE refunds ADD COLUMN order_code text COLLATE "C" REFERENCES pickup_orders(code);
ALTER TABLE refunds ADD CONSTRAINT refunds_sale_or_order CHECK ((sale_id IS NULL) <> (order_code IS NULL));

-- An order paid online when ordered is paid back online by the shop, not from the branch's
-- drawer or card terminal: the slip says so, and the day's money by method leaves it out.
ALTER TABLE refunds DROP CONSTRAINT refunds_method_check;
ALTER TABLE refunds ADD CONSTRAINT refunds_method_check CHECK (method IN ('cash', 'card', 'online'));

-- What came back of an order: read under the order's lock on every return of it.
CREATE INDEX refunds_order ON refunds (order_code) WHERE order_code IS NOT NULL;
