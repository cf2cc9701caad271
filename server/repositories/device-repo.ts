import type { Queryable } from '../db/db';
import type { DeviceRole } from '../../shared/protocol';

export type DeviceRow = {
  id: string;
  branchId: string;
  branchCode: string;
  code: string;
  role: DeviceRole;
};

const SELECT_DEVICE = `
  SELECT d.id, d.branch_id AS "branchId", b.code AS "branchCode", d.code, d.role
  FROM devices d JOIN branches b ON b.id = d.branch_id`;

export async function findDeviceByTokenHash(q: Queryable, tokenHash: string): Promise<DeviceRow | null> {
  const { rows } = await q.query<DeviceRow>(`${SELECT_DEVICE} WHERE d.token_hash = $1`, [tokenHash]);
  return rows[0] ?? null;
}

/** Devices are numbered per branch and role: MSK1-K01, MSK1-K02, MSK1-T01 … */
export async function nextDeviceCode(q: Queryable, branchId: string, branchCode: string, role: DeviceRole): Promise<string> {
  const { rows } = await q.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM devices WHERE branch_id = $1 AND role = $2',
    [branchId, role],
  );
  const letter = role === 'kiosk' ? 'K' : 'T';
  return `${branchCode}-${letter}${String((rows[0]?.n ?? 0) + 1).padStart(2, '0')}`;
}

export async function insertDevice(
  q: Queryable,
  device: { id: string; branchId: string; code: string; role: DeviceRole; tokenHash: string },
): Promise<void> {
  await q.query(
    `INSERT INTO devices (id, branch_id, code, role, token_hash, enrolled_at) VALUES ($1, $2, $3, $4, $5, now())`,
    [device.id, device.branchId, device.code, device.role, device.tokenHash],
  );
}
