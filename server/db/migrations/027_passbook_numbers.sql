-- A passbook printout has a human number, like every other paper a kiosk issues: the
-- next number of the kiosk's one document series (receipts, slips, statements), printed
-- on the statement. It is kept with the receipts, so finding, counting and reprinting a
-- document by its number is one lookup whatever the paper. Printouts queued before the
-- number (their payload has none) are still found by their transaction (document-repo.ts).
ALTER TABLE receipts DROP CONSTRAINT receipts_kind_check;
ALTER TABLE receipts ADD CONSTRAINT receipts_kind_check CHECK (kind IN ('pickup', 'sale', 'refund', 'passbook'));
