-- What the kiosks pull of the branch's card holders. A card's code carries a secret (its
-- hash, salted with the card number, is kept; the secret is never printed in digits). Every
-- write of a card holder, or a new line in their book, stamps the card's change_xid, and
-- the pull sends the card's whole holding again (the lines not yet on paper and the mark).
ALTER TABLE customers ADD COLUMN scan_secret_hash text;
ALTER TABLE customers ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE customers ALTER COLUMN card_number TYPE text COLLATE "C";
CREATE INDEX customers_change ON customers (branch_id, change_xid, card_number);
CREATE TRIGGER customers_touch BEFORE UPDATE ON customers
  FOR EACH ROW WHEN (NEW.change_xid IS DISTINCT FROM pg_current_xact_id())
  EXECUTE FUNCTION okno_touch();

CREATE FUNCTION okno_touch_book() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE customers SET change_xid = pg_current_xact_id(), updated_at = now()
  WHERE id IN (SELECT DISTINCT customer_id FROM new_lines) AND change_xid IS DISTINCT FROM pg_current_xact_id();
  RETURN NULL;
END $$;
CREATE TRIGGER ledger_entries_touch AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION okno_touch_book();
