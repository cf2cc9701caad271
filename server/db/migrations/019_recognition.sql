-- Recognition on request: what a card holder asked the kiosks to remember (text size,
-- contrast, voice, language), with the time of their consent and the consent text's
-- version. Null: nothing is remembered and nobody is greeted by name. «Забыть меня» sets it
-- back to null everywhere (the kiosks' caches through their next pull).
ALTER TABLE customers ADD COLUMN preferences jsonb;
ALTER TABLE customers ADD COLUMN consented_at timestamptz;
ALTER TABLE customers ADD COLUMN consent_version text;
-- When the last word was said (at the device): a consent and a «Забыть меня» from two kiosks
-- that were offline apply in the order they were said, not the order they arrived.
ALTER TABLE customers ADD COLUMN preferences_at timestamptz;
