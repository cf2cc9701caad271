import type { Queryable } from '../db/db';

export const ADMIN_FEEDS = ['orders', 'catalogue', 'passbook'] as const;
export type AdminFeed = (typeof ADMIN_FEEDS)[number];

export type AdminTokenRow = {
  id: string;
  label: string;
  feeds: AdminFeed[];
  /** null: every branch */
  branchCodes: string[] | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

const COLUMNS = `id, label, feeds, branch_codes AS "branchCodes", created_at AS "createdAt", expires_at AS "expiresAt",
  revoked_at AS "revokedAt", last_used_at AS "lastUsedAt"`;

/** Admin tokens (030_chain_credentials.sql): stored only as hashes (services/tokens.ts). */
export const adminTokenRepo = {
  async insert(q: Queryable, t: { id: string; tokenHash: string; label: string; feeds: AdminFeed[]; branchCodes: string[] | null; expiresAt: Date | null }): Promise<void> {
    await q.query(
      'INSERT INTO admin_tokens (id, token_hash, label, feeds, branch_codes, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [t.id, t.tokenHash, t.label, t.feeds, t.branchCodes, t.expiresAt],
    );
  },

  /**
   * The token a hash names, if it is neither revoked nor run out; its use is noted at most
   * once a minute (an operator's list shows which tokens are still in use).
   */
  async findUsable(q: Queryable, tokenHash: string): Promise<AdminTokenRow | null> {
    const { rows } = await q.query<AdminTokenRow>(
      `SELECT ${COLUMNS} FROM admin_tokens WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
      [tokenHash],
    );
    const token = rows[0];
    if (token && (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000)) {
      await q.query('UPDATE admin_tokens SET last_used_at = now() WHERE id = $1', [token.id]);
    }
    return token ?? null;
  },

  async list(q: Queryable): Promise<AdminTokenRow[]> {
    const { rows } = await q.query<AdminTokenRow>(`SELECT ${COLUMNS} FROM admin_tokens ORDER BY created_at, id`);
    return rows;
  },

  /** Revokes the token whose id starts with `idPrefix` (the list shows 8 characters); the ids it matched. */
  async revoke(q: Queryable, idPrefix: string): Promise<{ matched: AdminTokenRow[] }> {
    const { rows } = await q.query<AdminTokenRow>(`SELECT ${COLUMNS} FROM admin_tokens WHERE id::text LIKE $1 || '%' FOR UPDATE`, [idPrefix.toLowerCase()]);
    if (rows.length === 1 && !rows[0]!.revokedAt) await q.query('UPDATE admin_tokens SET revoked_at = now() WHERE id = $1', [rows[0]!.id]);
    return { matched: rows };
  },
};
export type AdminTokenRepo = typeof adminTokenRepo;
