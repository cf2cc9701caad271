-- The paper of a sale the customer confirmed at a kiosk prints there, once.
ALTER TABLE kiosk_confirmations ADD COLUMN print_sent_at timestamptz;
ALTER TABLE kiosk_confirmations ADD COLUMN printed text;   -- 'ok' or the kiosk's print problem
