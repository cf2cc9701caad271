import type { Queryable } from '../db/db';

/** The back office's shoppers' words, one table for every branch. */
export const shopperWordRepo = {
  /** Replaces the whole table: the back office sends what it has. */
  async replaceAll(q: Queryable, words: Record<string, string>): Promise<void> {
    await q.query('DELETE FROM shopper_words');
    const entries = Object.entries(words);
    if (entries.length === 0) return;
    await q.query('INSERT INTO shopper_words (word, meaning) SELECT * FROM unnest($1::text[], $2::text[])', [entries.map(([w]) => w), entries.map(([, m]) => m)]);
  },

  async all(q: Queryable): Promise<Record<string, string>> {
    const { rows } = await q.query<{ word: string; meaning: string }>('SELECT word, meaning FROM shopper_words ORDER BY word');
    return Object.fromEntries(rows.map((r) => [r.word, r.meaning]));
  },
};
export type ShopperWordRepo = typeof shopperWordRepo;
