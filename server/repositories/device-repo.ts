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
  /** the token the request came with (findByTokenHash only): for its rotation (device-tokens.ts) */
  token?: DeviceTokenState;
};
export type DeviceTokenState = {
  /** 'old': the token before the last rotation, still in its grace period */
  used: 'current' | 'old';
  /** the hash of the token this request came with */
  hash: string;
  issuedAt: Date;
  currentHash: string;
  /** the device has used its current token at least once: it has it (031_device_token_seen.sql) */
  currentSeen: boolean;
};

const SELECT_DEVICE = `
  SELECT d.id, d.branch_id AS "branchId", b.code AS "branchCode", d.code, d.role, d.place, d.max_seq AS "maxSeq"
  FROM devices d JOIN branches b ON b.id = d.branch_id`;

export const deviceRepo = {
  async findById(q: Queryable, id: string): Promise<DeviceRow | null> {
    const { rows } = await q.query<DeviceRow>(`${SELECT_DEVICE} WHERE d.id = $1 AND d.token_hash IS NOT NULL`, [id]);
    return rows[0] ?? null;
  },

  /** The device whose current token, or previous one within its grace period, this is. */
  async findByTokenHash(q: Queryable, tokenHash: string): Promise<DeviceRow | null> {
    const { rows } = await q.query<DeviceRow & { used: 'current' | 'old'; issuedAt: Date; currentHash: string; currentSeen: boolean }>(
      `${SELECT_DEVICE.replace('d.max_seq AS "maxSeq"', `d.max_seq AS "maxSeq", CASE WHEN d.token_hash = $1 THEN 'current' ELSE 'old' END AS used,
         COALESCE(d.token_issued_at, d.enrolled_at, d.created_at) AS "issuedAt", d.token_hash AS "currentHash", d.token_seen_at IS NOT NULL AS "currentSeen"`)}
       WHERE d.token_hash = $1 OR (d.old_token_hash = $1 AND d.old_token_expires_at > now())`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row) return null;
    const { used, issuedAt, currentHash, currentSeen, ...device } = row;
    return { ...device, token: { used, hash: tokenHash, issuedAt, currentHash, currentSeen } };
  },

  /** The device used its current token: from now on the old one mints no other (device-tokens.ts). */
  async markTokenSeen(q: Queryable, deviceId: string, currentHash: string): Promise<void> {
    await q.query('UPDATE devices SET token_seen_at = now() WHERE id = $1 AND token_hash = $2 AND token_seen_at IS NULL', [deviceId, currentHash]);
  },

  /**
   * A new current token, if the current one is still `expectedCurrentHash` (a concurrent
   * round rotated it otherwise). `oldUntil` set: the current one becomes the old one, valid
   * until then; null: the old one stays as it is (the device never got the current one).
   */
  async rotateToken(q: Queryable, deviceId: string, expectedCurrentHash: string, newHash: string, oldUntil: Date | null): Promise<boolean> {
    const { rows } = await q.query(
      `UPDATE devices SET token_hash = $3, token_issued_at = now(), token_seen_at = NULL,
         old_token_hash = CASE WHEN $4::timestamptz IS NULL THEN old_token_hash ELSE token_hash END,
         old_token_expires_at = CASE WHEN $4::timestamptz IS NULL THEN old_token_expires_at ELSE $4::timestamptz END
       WHERE id = $1 AND token_hash = $2 RETURNING id`,
      [deviceId, expectedCurrentHash, newHash, oldUntil],
    );
    return rows.length > 0;
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

  /**
   * Locks the device row for the rest of the transaction (one push of a device at a time)
   * and returns its seq mark. With the request's token hash: null if that token no longer
   * opens the device. A push of a device revoked or replaced while it waited for the lock
   * must not write seqs and receipt numbers the replacement now goes on from.
   */
  async lockForPush(q: Queryable, deviceId: string, tokenHash?: string): Promise<number | null> {
    const { rows } = await q.query<{ maxSeq: number; allowed: boolean }>(
      `SELECT max_seq AS "maxSeq", ($2::text IS NULL OR token_hash = $2 OR (old_token_hash = $2 AND old_token_expires_at > now())) AS allowed
       FROM devices WHERE id = $1 FOR UPDATE`, [deviceId, tokenHash ?? null]);
    if (rows[0] && !rows[0].allowed) return null;
    return rows[0]?.maxSeq ?? 0;
  },

  /** A device by its code, enrolled or revoked (a replacement takes over its name). */
  async findAnyByCode(q: Queryable, code: string): Promise<(DeviceRow & { enrolled: boolean }) | null> {
    const { rows } = await q.query<DeviceRow & { enrolled: boolean }>(
      `${SELECT_DEVICE.replace('d.max_seq AS "maxSeq"', 'd.max_seq AS "maxSeq", d.token_hash IS NOT NULL AS enrolled')} WHERE d.code = $1`, [code]);
    return rows[0] ?? null;
  },

  /**
   * A replacement takes over the device row (name, seqs, document series) at `place`: the old
   * token, if any, stops working. Returns where the series stand: the highest seq the
   * server holds and the highest document counter it knows (receipts, slips, statements).
   * Locked first, so a push of the old device cannot slip in between.
   */
  async takeOver(q: Queryable, deviceId: string, tokenHash: string, place: string | null): Promise<{ code: string; lastSeq: number; lastDocumentNumber: number }> {
    const { rows: [device] } = await q.query<{ lastSeq: number; branchId: string; code: string; enrolled: boolean }>(
      'SELECT max_seq::float8 AS "lastSeq", branch_id AS "branchId", code, token_hash IS NOT NULL AS enrolled FROM devices WHERE id = $1 FOR UPDATE', [deviceId]);
    await q.query(
      `UPDATE devices SET token_hash = $2, token_issued_at = now(), token_seen_at = NULL, enrolled_at = now(), old_token_hash = NULL, old_token_expires_at = NULL, place = $3 WHERE id = $1`,
      [deviceId, tokenHash, place]);
    // The device it replaces was still in service: what it held is kept as at a revocation
    // (one already revoked had it kept then).
    if (device!.enrolled) await deviceRepo.keepWorkLeft(q, deviceId);
    // A ticket the old device took and has not used would open a stream as this device.
    await q.query('DELETE FROM event_tickets WHERE device_id = $1 AND used_at IS NULL', [deviceId]);
    // The numbers are "<code>-<6 digits>": the greatest string is the greatest counter.
    const { rows: [doc] } = await q.query<{ n: number | null }>(
      `SELECT right(max(number), 6)::int AS n FROM receipts WHERE device_id = $1 AND branch_id = $2`, [deviceId, device!.branchId]);
    return { code: device!.code, lastSeq: device!.lastSeq, lastDocumentNumber: doc?.n ?? 0 };
  },

  /** Takes the device's token away (its requests get 401 from now on); null when no enrolled device has this code. */
  async revoke(q: Queryable, code: string): Promise<{ id: string; branchId: string } | null> {
    const { rows } = await q.query<{ id: string; branchId: string }>(
      `WITH d AS (
         UPDATE devices SET token_hash = NULL, old_token_hash = NULL, old_token_expires_at = NULL WHERE code = $1 AND token_hash IS NOT NULL RETURNING id, branch_id
       ), t AS (DELETE FROM event_tickets e USING d WHERE e.device_id = d.id AND e.used_at IS NULL)
       SELECT id, branch_id AS "branchId" FROM d`, [code]);
    return rows[0] ?? null;
  },

  /**
   * A device is taken out of service now (revoked, or replaced under its name): what its
   * last report said it held is kept, if anything, for its branch to review (033_device_work_left.sql).
   */
  async keepWorkLeft(q: Queryable, deviceId: string): Promise<void> {
    await q.query(
      `INSERT INTO device_work_left (device_id, branch_id, code, role, place, taken_out_at, reported_at, queued, oldest_queued_at, quarantined)
       SELECT d.id, d.branch_id, d.code, d.role, d.place, now(), s.reported_at, s.queued, s.oldest_queued_at, s.quarantined
       FROM devices d JOIN device_status s ON s.device_id = d.id
       WHERE d.id = $1 AND (s.queued > 0 OR s.quarantined > 0)`,
      [deviceId]);
  },

  /**
   * Marks as reviewed by a supervisor what every taking-out of a device of the branch left
   * and nobody reviewed yet: 'reviewed' when there was some, 'already' when all of it was
   * reviewed before; null when no device of this code ever left work in the branch.
   */
  async markWorkLeftReviewed(q: Queryable, branchId: string, code: string): Promise<'reviewed' | 'already' | null> {
    const { rows } = await q.query('UPDATE device_work_left SET reviewed_at = now() WHERE branch_id = $1 AND code = $2 AND reviewed_at IS NULL RETURNING id', [branchId, code]);
    if (rows.length > 0) return 'reviewed';
    const { rows: any } = await q.query('SELECT 1 FROM device_work_left WHERE branch_id = $1 AND code = $2 LIMIT 1', [branchId, code]);
    return any.length > 0 ? 'already' : null;
  },
};
export type DeviceRepo = typeof deviceRepo;
