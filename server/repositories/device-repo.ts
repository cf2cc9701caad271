import type { Queryable } from '../db/db';
import type { DeviceRole } from '../../shared/protocol';

export type DeviceRow = {
  id: string;
  branchId: string;
  branchCode: string;
  code: string;
  role: DeviceRole;
  /** where it stands in the branch, if anyone said */
  place: string | null;
  /** the highest seq of it the server holds, as the request began: a pull tells the device (restore.ts) */
  maxSeq?: number;
};

const SELECT_DEVICE = `
  SELECT d.id, d.branch_id AS "branchId", b.code AS "branchCode", d.code, d.role, d.place, d.max_seq AS "maxSeq"
  FROM devices d JOIN branches b ON b.id = d.branch_id`;

export const deviceRepo = {
  async findById(q: Queryable, id: string): Promise<DeviceRow | null> {
    const { rows } = await q.query<DeviceRow>(`${SELECT_DEVICE} WHERE d.id = $1 AND d.token_hash IS NOT NULL`, [id]);
    return rows[0] ?? null;
  },

  async findByTokenHash(q: Queryable, tokenHash: string): Promise<DeviceRow | null> {
    const { rows } = await q.query<DeviceRow>(`${SELECT_DEVICE} WHERE d.token_hash = $1`, [tokenHash]);
    return rows[0] ?? null;
  },

  /**
   * The next device number of a branch and role, from a counter that only grows
   * (003_groundwork.sql): MSK1-K01, MSK1-K02, MSK1-T01 … Concurrent enrolments wait on the
   * counter's row lock, and a removed device's number is never handed out again, so two
   * devices never share a receipt prefix.
   */
  async takeNextCode(q: Queryable, branchId: string, branchCode: string, role: DeviceRole): Promise<string> {
    const { rows } = await q.query<{ n: number }>(
      `INSERT INTO device_code_counters (branch_id, role, last_no) VALUES ($1, $2, 1)
       ON CONFLICT (branch_id, role) DO UPDATE SET last_no = device_code_counters.last_no + 1
       RETURNING last_no AS n`,
      [branchId, role],
    );
    const letter = role === 'kiosk' ? 'K' : 'T';
    return `${branchCode}-${letter}${String(rows[0]!.n).padStart(2, '0')}`;
  },

  async insert(q: Queryable, device: { id: string; branchId: string; code: string; role: DeviceRole; tokenHash: string; place: string | null }): Promise<void> {
    await q.query(
      `INSERT INTO devices (id, branch_id, code, role, token_hash, enrolled_at, place) VALUES ($1, $2, $3, $4, $5, now(), $6)`,
      [device.id, device.branchId, device.code, device.role, device.tokenHash, device.place],
    );
  },

  /** The enrolled kiosks of a branch, by code. */
  async kiosksOf(q: Queryable, branchId: string): Promise<DeviceRow[]> {
    const { rows } = await q.query<DeviceRow>(`${SELECT_DEVICE} WHERE d.branch_id = $1 AND d.role = 'kiosk' AND d.token_hash IS NOT NULL ORDER BY d.code`, [branchId]);
    return rows;
  },

  /** Says where a device stands; false when no device has this code. */
  async setPlace(q: Queryable, code: string, place: string | null): Promise<boolean> {
    const { rows } = await q.query('UPDATE devices SET place = $2 WHERE code = $1 RETURNING id', [code, place]);
    return rows.length > 0;
  },

  /** Locks the device row for the rest of the transaction (one push of a device at a time) and returns its seq mark. */
  async lockForPush(q: Queryable, deviceId: string): Promise<number> {
    const { rows } = await q.query<{ maxSeq: number }>('SELECT max_seq AS "maxSeq" FROM devices WHERE id = $1 FOR UPDATE', [deviceId]);
    return rows[0]?.maxSeq ?? 0;
  },

  /** Takes the device's token away (its requests get 401 from now on); null when no enrolled device has this code. */
  async revoke(q: Queryable, code: string): Promise<{ id: string; branchId: string } | null> {
    const { rows } = await q.query<{ id: string; branchId: string }>(
      'UPDATE devices SET token_hash = NULL WHERE code = $1 AND token_hash IS NOT NULL RETURNING id, branch_id AS "branchId"', [code]);
    return rows[0] ?? null;
  },


};
export type DeviceRepo = typeof deviceRepo;
