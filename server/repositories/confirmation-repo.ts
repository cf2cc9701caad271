import type { Queryable } from '../db/db';

export type ConfirmationRow = { id: string; branchId: string; tabletId: string; kioskId: string; answer: string | null; expiresAt: Date; printSent: boolean; printed: string | null };

/** Carts sent from a tablet to a kiosk for the customer's confirmation. */
export const confirmationRepo = {
  async insert(q: Queryable, c: { id: string; branchId: string; tabletId: string; kioskId: string; staffSessionId: string; totalKopecks: number; expiresAt: Date }): Promise<boolean> {
    const { rows } = await q.query(
      `INSERT INTO kiosk_confirmations (id, branch_id, tablet_id, kiosk_id, staff_session_id, total_kopecks, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [c.id, c.branchId, c.tabletId, c.kioskId, c.staffSessionId, c.totalKopecks, c.expiresAt],
    );
    return rows.length > 0;
  },

  async lock(q: Queryable, id: string): Promise<ConfirmationRow | null> {
    const { rows } = await q.query<ConfirmationRow>(
      `SELECT id, branch_id AS "branchId", tablet_id AS "tabletId", kiosk_id AS "kioskId", answer, expires_at AS "expiresAt",
              print_sent_at IS NOT NULL AS "printSent", printed
       FROM kiosk_confirmations WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  },

  async answer(q: Queryable, id: string, answer: string): Promise<void> {
    await q.query('UPDATE kiosk_confirmations SET answer = $2, answered_at = now() WHERE id = $1', [id, answer]);
  },

  async printSent(q: Queryable, id: string): Promise<void> {
    await q.query('UPDATE kiosk_confirmations SET print_sent_at = now() WHERE id = $1', [id]);
  },

  async printed(q: Queryable, id: string, outcome: string): Promise<void> {
    await q.query('UPDATE kiosk_confirmations SET printed = $2 WHERE id = $1', [id, outcome]);
  },
};
export type ConfirmationRepo = typeof confirmationRepo;
