-- Shoppers' words for the tablet's catalogue search ("стиралка" → "стиральная машина"),
-- beyond the built-in table (shared/domain/shopper-words.ts): the back office keeps them.
CREATE TABLE shopper_words (
  word text COLLATE "C" PRIMARY KEY,
  meaning text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
