import type { Queryable } from '../db/db';

/** A line for a card holder's book, named by the card (a sale or refund knows only that). */
export type LedgerAppend = { cardNumber: string; postedAt: string; textRu: string; textEn: string; amountKopecks: number };

export type LedgerLineInput = { id: string; postedAt: Date | string; textRu: string; textEn: string; amountKopecks: number };

/** Passbook customers and their ledger lines (the passbook issue builds on these). */
export const customerRepo = {
  async insert(q: Queryable, c: { id: string; branchId: string; shortName: string; cardNumber: string }): Promise<void> {
    await q.query('INSERT INTO customers (id, branch_id, short_name, card_number) VALUES ($1, $2, $3, $4)', [c.id, c.branchId, c.shortName, c.cardNumber]);
  },

  /** Appends lines in order with their running balance, starting from line 1 and a zero balance. */
  async insertLedger(q: Queryable, customerId: string, lines: LedgerLineInput[]): Promise<void> {
    let balance = 0;
    for (const [i, line] of lines.entries()) {
      balance += line.amountKopecks;
      await q.query(
        `INSERT INTO ledger_entries (id, customer_id, line_no, posted_at, text_ru, text_en, amount_kopecks, balance_kopecks)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [line.id, customerId, i + 1, line.postedAt, line.textRu, line.textEn, line.amountKopecks, balance],
      );
    }
  },

  /**
   * Appends lines to the ledgers of the branch's card holders, after the lines each already
   * has, in the order given, with their running balance. The customers are locked first, in
   * a fixed order, and the last lines read by a statement that starts after the lock: two
   * pushes that both add to one book then number their lines one after the other (under
   * READ COMMITTED a statement that waited for a lock still reads its old snapshot). Lines
   * for a card no customer of the branch has are left out (the sale carries a flag).
   */
  async appendLedger(q: Queryable, branchId: string, lines: LedgerAppend[]): Promise<void> {
    if (lines.length === 0) return;
    const cards = [...new Set(lines.map((l) => l.cardNumber))];
    await q.query('SELECT id FROM customers WHERE branch_id = $1 AND card_number = ANY($2::text[]) ORDER BY id FOR UPDATE', [branchId, cards]);
    await q.query(
      `WITH v AS (
         SELECT x.*, c.id AS customer_id FROM json_to_recordset($2::json) AS x("cardNumber" text, "postedAt" timestamptz, "textRu" text, "textEn" text, "amountKopecks" bigint, ord bigint)
         JOIN customers c ON c.card_number = x."cardNumber" AND c.branch_id = $1
       ), last AS (
         SELECT DISTINCT ON (e.customer_id) e.customer_id, e.line_no, e.balance_kopecks FROM ledger_entries e
         WHERE e.customer_id IN (SELECT customer_id FROM v) ORDER BY e.customer_id, e.line_no DESC
       )
       INSERT INTO ledger_entries (id, customer_id, line_no, posted_at, text_ru, text_en, amount_kopecks, balance_kopecks)
       SELECT gen_random_uuid(), v.customer_id,
              coalesce(last.line_no, 0) + row_number() OVER w,
              v."postedAt", v."textRu", v."textEn", v."amountKopecks",
              coalesce(last.balance_kopecks, 0) + sum(v."amountKopecks") OVER w
       FROM v LEFT JOIN last ON last.customer_id = v.customer_id
       WINDOW w AS (PARTITION BY v.customer_id ORDER BY v.ord ROWS UNBOUNDED PRECEDING)`,
      [branchId, JSON.stringify(lines.map((line, ord) => ({ ...line, ord })))],
    );
  },
};
export type CustomerRepo = typeof customerRepo;
