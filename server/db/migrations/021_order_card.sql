-- A pickup order of a passbook card holder (the shop says whose): its handover adds the
-- purchase and its payment to their book. Never sent to devices.
ALTER TABLE pickup_orders ADD COLUMN customer_card text;
