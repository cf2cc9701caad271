import type { Queryable } from '../db/db';

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
};
export type CustomerRepo = typeof customerRepo;
