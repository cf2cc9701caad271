import type { Queryable } from '../db/db';
import type { BranchInfo } from '../../shared/protocol';

export type BranchRow = { id: string; code: string; name: string };

export async function findBranchByCode(q: Queryable, code: string): Promise<BranchRow | null> {
  const { rows } = await q.query<BranchRow>('SELECT id, code, name FROM branches WHERE code = $1', [code]);
  return rows[0] ?? null;
}

export async function listBranches(q: Queryable): Promise<BranchRow[]> {
  const { rows } = await q.query<BranchRow>('SELECT id, code, name FROM branches ORDER BY code');
  return rows;
}

export type BranchInput = {
  id: string;
  code: string;
  name: string;
  legalName: string;
  inn: string;
  ogrn?: string;
  address: string;
  serviceCentre?: string;
};

export async function insertBranch(q: Queryable, b: BranchInput): Promise<void> {
  await q.query(
    `INSERT INTO branches (id, code, name, legal_name, inn, ogrn, address, service_centre)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [b.id, b.code, b.name, b.legalName, b.inn, b.ogrn ?? null, b.address, b.serviceCentre ?? null],
  );
}

export async function findBranchInfo(q: Queryable, id: string): Promise<BranchInfo | null> {
  const { rows } = await q.query<BranchInfo>(
    `SELECT code, name, legal_name AS "legalName", inn, ogrn, address, service_centre AS "serviceCentre"
     FROM branches WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}
