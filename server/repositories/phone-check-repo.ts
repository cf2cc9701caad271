import type { Queryable } from '../db/db';

export type PhoneChecks = { failedAttempts: number; lockedUntil: Date | null; lastFailedAt: Date | null };

/** Wrong phone digits per order (migration 023), and the order's own digit hash to check against. */
export const phoneCheckRepo = {
  /** The order's branch and phone-digit hash (as the shop's feed made it), or null for no such order. */
  async target(q: Queryable, code: string): Promise<{ branchId: string; phoneLast4Hash: string } | null> {
    const { rows } = await q.query<{ branchId: string; phoneLast4Hash: string }>(
      'SELECT branch_id AS "branchId", phone_last4_hash AS "phoneLast4Hash" FROM pickup_orders WHERE code = $1', [code]);
    return rows[0] ?? null;
  },

  /** The order's count, locked until the transaction ends (made when missing), so concurrent tries count one by one. */
  async lock(q: Queryable, code: string): Promise<PhoneChecks> {
    const { rows } = await q.query<PhoneChecks>(
      `INSERT INTO order_phone_checks (order_code) VALUES ($1)
       ON CONFLICT (order_code) DO UPDATE SET failed_attempts = order_phone_checks.failed_attempts
       RETURNING failed_attempts AS "failedAttempts", locked_until AS "lockedUntil", last_failed_at AS "lastFailedAt"`,
      [code],
    );
    return rows[0]!;
  },

  async set(q: Queryable, code: string, c: PhoneChecks): Promise<void> {
    await q.query('UPDATE order_phone_checks SET failed_attempts = $2, locked_until = $3, last_failed_at = $4 WHERE order_code = $1',
      [code, c.failedAttempts, c.lockedUntil, c.lastFailedAt]);
  },
};
export type PhoneCheckRepo = typeof phoneCheckRepo;
