import type { Queryable } from '../db/db';
import type { BranchInfo } from '../../shared/protocol';

export type BranchRow = { id: string; code: string; name: string };

export type BranchInput = {
  id: string;
  code: string;
  name: string;
  legalName: string;
  inn: string;
  ogrn?: string;
  address: string;
  serviceCentre?: string;
  /** IANA zone of the branch's paper; Europe/Moscow when not given */
  timeZone?: string;
};

export const branchRepo = {
  async findByCode(q: Queryable, code: string): Promise<BranchRow | null> {
    const { rows } = await q.query<BranchRow>('SELECT id, code, name FROM branches WHERE code = $1', [code]);
    return rows[0] ?? null;
  },

  async list(q: Queryable): Promise<BranchRow[]> {
    const { rows } = await q.query<BranchRow>('SELECT id, code, name FROM branches ORDER BY code');
    return rows;
  },

  /** Every branch with its enrolled devices and active staff, for the operators' list. */
  async listWithCounts(q: Queryable): Promise<(BranchRow & { devices: number; staff: number })[]> {
    const { rows } = await q.query<BranchRow & { devices: number; staff: number }>(
      `SELECT b.id, b.code, b.name,
              (SELECT count(*)::int FROM devices d WHERE d.branch_id = b.id AND d.token_hash IS NOT NULL) AS devices,
              (SELECT count(*)::int FROM staff s WHERE s.branch_id = b.id AND s.deactivated_at IS NULL) AS staff
       FROM branches b ORDER BY b.code`);
    return rows;
  },

  async insert(q: Queryable, b: BranchInput): Promise<void> {
    await q.query(
      `INSERT INTO branches (id, code, name, legal_name, inn, ogrn, address, service_centre, time_zone)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [b.id, b.code, b.name, b.legalName, b.inn, b.ogrn ?? null, b.address, b.serviceCentre ?? null, b.timeZone ?? 'Europe/Moscow'],
    );
  },

  /** The seller as printed on the branch's paper, and the zone of its dates. */
  async findInfo(q: Queryable, id: string): Promise<BranchInfo | null> {
    const { rows } = await q.query<BranchInfo>(
      `SELECT code, name, legal_name AS "legalName", inn, ogrn, address, service_centre AS "serviceCentre", time_zone AS "timeZone"
       FROM branches WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  },

  /**
   * The branch's key for card and phone-digit hashes (024_branch_hash_key.sql), base64url,
   * for the devices' pull only. Never part of BranchInfo or any row a list or feed returns:
   * a device keeps BranchInfo as it comes, and the key must not sit in its storage as bytes.
   */
  async hashKey(q: Queryable, id: string): Promise<string | null> {
    const { rows } = await q.query<{ key: string }>("SELECT rtrim(translate(encode(hash_key, 'base64'), '+/', '-_'), '=') AS key FROM branches WHERE id = $1", [id]);
    return rows[0]?.key ?? null;
  },
};
export type BranchRepo = typeof branchRepo;
