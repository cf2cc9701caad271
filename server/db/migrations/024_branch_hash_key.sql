-- Card and phone-digit hashes a stolen kiosk does not give away (issue 20).
--
-- A card's number has 13 digits and an order's phone 4 that a kiosk confirms offline: an
-- unkeyed SHA-256 of either is enumerated in seconds from a kiosk's disk. Devices now get
-- them keyed with a secret of their branch: keyed = HMAC-SHA256(branch key, SHA-256 of
-- the message the unkeyed hash was made of), so the server keys the hashes it already
-- holds (pickup_orders.phone_last4_hash stays unkeyed here, keyed on its way to a device)
-- without the digits, which it never had. Devices get the key with their pull and keep it
-- as a non-extractable WebCrypto key (renderer/hashing/keyed-hash.ts).

-- 32 random bytes per branch: SHA-256 of three random UUIDs (gen_random_uuid draws from
-- the operating system's secure random source; 366 random bits go in). The key never
-- changes: a device's hashes and the transactions naming a card by its hash stay valid.
-- HMAC's inner and outer pads are kept beside it, so keying a hash in SQL is two built-in
-- sha256 calls (a pull keys every order it sends).
CREATE FUNCTION okno_hash_pad(key bytea, pad int) RETURNS bytea LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  k bytea := CASE WHEN length(key) > 64 THEN sha256(key) ELSE key END;
BEGIN
  k := k || decode(repeat('00', 64 - length(k)), 'hex');
  FOR i IN 0..63 LOOP
    k := set_byte(k, i, get_byte(k, i) # pad);
  END LOOP;
  RETURN k;
END $$;

ALTER TABLE branches ADD COLUMN hash_key bytea NOT NULL
  DEFAULT sha256(decode(replace(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));
ALTER TABLE branches ADD COLUMN hash_ipad bytea GENERATED ALWAYS AS (okno_hash_pad(hash_key, 54)) STORED;  -- 0x36
ALTER TABLE branches ADD COLUMN hash_opad bytea GENERATED ALWAYS AS (okno_hash_pad(hash_key, 92)) STORED;  -- 0x5c

-- HMAC-SHA256 with the pads of a branch, over the bytes of an unkeyed hash (hex in, hex out).
CREATE FUNCTION okno_keyed_hash(ipad bytea, opad bytea, unkeyed text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT encode(sha256(opad || sha256(ipad || decode(unkeyed, 'hex'))), 'hex')
$$;

-- A card by its keyed hash in the branch (shared/domain/card-code.ts, cardHashMessage).
CREATE FUNCTION okno_card_hash(branch uuid, card text) RETURNS text LANGUAGE sql STABLE STRICT AS $$
  SELECT okno_keyed_hash(b.hash_ipad, b.hash_opad, encode(sha256(convert_to('okno:card:' || card, 'UTF8')), 'hex'))
  FROM branches b WHERE b.id = branch
$$;

-- The kiosks name a card by this hash (passbook.printed, customer.preferences) and page
-- their pull by it; the server finds the holder through it. Kept in step by triggers, so
-- every way a card is written (the back office's feed, a card issued, a card replaced, a
-- holder moved to another branch) keys it the same way.
ALTER TABLE customers ADD COLUMN card_hash text COLLATE "C";
ALTER TABLE blocked_cards ADD COLUMN card_hash text COLLATE "C";

CREATE FUNCTION okno_customers_card_hash() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.card_hash := okno_card_hash(NEW.branch_id, NEW.card_number);
  RETURN NEW;
END $$;
CREATE TRIGGER customers_card_hash BEFORE INSERT OR UPDATE OF card_number, branch_id ON customers
  FOR EACH ROW EXECUTE FUNCTION okno_customers_card_hash();

CREATE FUNCTION okno_blocked_cards_card_hash() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.card_hash := okno_card_hash((SELECT c.branch_id FROM customers c WHERE c.id = NEW.customer_id), NEW.card_number);
  RETURN NEW;
END $$;
CREATE TRIGGER blocked_cards_card_hash BEFORE INSERT OR UPDATE OF card_number, customer_id ON blocked_cards
  FOR EACH ROW EXECUTE FUNCTION okno_blocked_cards_card_hash();

-- A holder the back office moves to another branch: their earlier cards take that branch's key too.
CREATE FUNCTION okno_customers_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE blocked_cards SET card_hash = okno_card_hash(NEW.branch_id, card_number) WHERE customer_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER customers_moved AFTER UPDATE OF branch_id ON customers
  FOR EACH ROW WHEN (OLD.branch_id IS DISTINCT FROM NEW.branch_id) EXECUTE FUNCTION okno_customers_moved();

-- The holders there are: keyed now. This stamps every holder's change_xid (customers_touch),
-- so every kiosk is sent every holding again, under its keyed hash.
UPDATE customers SET card_hash = okno_card_hash(branch_id, card_number);
UPDATE blocked_cards b SET card_hash = okno_card_hash(c.branch_id, b.card_number) FROM customers c WHERE c.id = b.customer_id;
ALTER TABLE customers ALTER COLUMN card_hash SET NOT NULL;
ALTER TABLE blocked_cards ALTER COLUMN card_hash SET NOT NULL;
CREATE INDEX customers_card_hash ON customers (card_hash);
CREATE INDEX blocked_cards_card_hash ON blocked_cards (card_hash);

-- A pull pages the holders by (change_xid, card hash): the cursor a kiosk keeps, and the
-- server's log shows as a query string, carries no card number.
DROP INDEX customers_change;
CREATE INDEX customers_change ON customers (branch_id, change_xid, card_hash);
