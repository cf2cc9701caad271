import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db';
import { ConfigError, ForbiddenError, NotFoundError, UnauthorizedError } from '../errors';
import { ADMIN_FEEDS, type AdminFeed, type AdminTokenRepo, type AdminTokenRow } from '../repositories/admin-token-repo';
import type { AuditRepo } from '../repositories/audit-repo';
import type { BranchRepo } from '../repositories/branch-repo';
import { hashToken, newToken } from './tokens';

/** What one admin request may do: its token's feeds, and the branches (by id) it may write to. */
export type AdminAccess = {
  tokenId: string;
  label: string;
  feeds: readonly AdminFeed[];
  /** null: every branch */
  branchIds: ReadonlySet<string> | null;
};

export const SCOPE_REASON = 'admin-scope';

/** Refuses a write to a branch outside the token's scope (403 admin-scope). */
export function requireBranch(access: AdminAccess | undefined, branch: { id: string; code?: string }, what: string): void {
  if (!access || access.branchIds === null || access.branchIds.has(branch.id)) return;
  throw new ForbiddenError(`this admin token («${access.label}») may not write ${what} of branch ${branch.code ?? branch.id}`, SCOPE_REASON);
}

export type AdminTokenInput = { label: string; feeds: AdminFeed[]; branchCodes: string[] | null; days: number | null };

/**
 * Admin tokens for the online shop's and back office's feeds: each names what it may feed
 * (orders, the catalogue, passbook ledgers), for which branches, and until when, so a
 * partner's leaked token writes nothing outside its own branches and feed, and dies on
 * its own. The catalogue is the chain's (one price list): only a token for every branch
 * may change it. Making and revoking a token are audited as the operators' own actions.
 */
export function createAdminTokenService({ db, tokens, branches, audit }: {
  db: Db; tokens: AdminTokenRepo; branches: Pick<BranchRepo, 'findByCode'>; audit: Pick<AuditRepo, 'append'>;
}) {
  const record = (action: string, subject: string) =>
    ({ branchId: null, deviceId: null, occurredAt: new Date(), staffId: null, employeeNo: null, action, subject });

  return {
    async create(input: AdminTokenInput): Promise<{ token: string; row: AdminTokenRow }> {
      for (const code of input.branchCodes ?? []) {
        if (!(await branches.findByCode(db, code))) throw new ConfigError(`--branches: no branch with code "${code}"`);
      }
      const token = newToken('oka');
      const id = randomUUID();
      const expiresAt = input.days === null ? null : new Date(Date.now() + input.days * 86_400_000);
      await db.tx(async (q) => {
        await tokens.insert(q, { id, tokenHash: hashToken(token), label: input.label, feeds: input.feeds, branchCodes: input.branchCodes, expiresAt });
        await audit.append(q, [record('admin-token-created', `${id.slice(0, 8)} «${input.label}» ${describeScope(input.feeds, input.branchCodes)}`)]);
      });
      const row = (await tokens.list(db)).find((t) => t.id === id)!;
      return { token, row };
    },

    list: () => tokens.list(db),

    async revoke(idPrefix: string): Promise<AdminTokenRow> {
      return db.tx(async (q) => {
        const { matched } = await tokens.revoke(q, idPrefix);
        if (matched.length === 0) throw new NotFoundError(`no admin token whose id begins with "${idPrefix}" (\`admin-tokens\` lists them)`);
        if (matched.length > 1) throw new ConfigError(`--id: ${matched.length} tokens begin with "${idPrefix}"; give more of the id`);
        const row = matched[0]!;
        if (!row.revokedAt) await audit.append(q, [record('admin-token-revoked', `${row.id.slice(0, 8)} «${row.label}»`)]);
        return row;
      });
    },

    /** The access an admin request's token gives: 401 for an unknown, revoked or run-out token. */
    async authenticate(token: string): Promise<AdminAccess> {
      const row = await tokens.findUsable(db, hashToken(token));
      if (!row) throw new UnauthorizedError('unknown, revoked or expired admin token: make one with `npm run server -- admin-token`');
      let branchIds: Set<string> | null = null;
      if (row.branchCodes) {
        branchIds = new Set();
        for (const code of row.branchCodes) {
          const branch = await branches.findByCode(db, code);
          if (branch) branchIds.add(branch.id);
        }
      }
      return { tokenId: row.id, label: row.label, feeds: row.feeds, branchIds };
    },

    /** Refuses a route's feed the token was not made for; the catalogue needs every branch. */
    requireFeed(access: AdminAccess, feed: AdminFeed): void {
      if (!access.feeds.includes(feed)) throw new ForbiddenError(`this admin token («${access.label}») is not for the ${feed} feed (it is for: ${access.feeds.join(', ')})`, SCOPE_REASON);
      if (feed === 'catalogue' && access.branchIds !== null) {
        throw new ForbiddenError(`this admin token («${access.label}») is limited to some branches, and the catalogue is the whole chain's`, SCOPE_REASON);
      }
    },
  };
}
export type AdminTokenService = ReturnType<typeof createAdminTokenService>;

/** «orders, passbook · MSK1, SPB2» as the list and the audit log say it. */
export function describeScope(feeds: readonly string[], branchCodes: readonly string[] | null): string {
  return `${feeds.join(', ')} · ${branchCodes ? branchCodes.join(', ') : 'every branch'}`;
}

export { ADMIN_FEEDS };
