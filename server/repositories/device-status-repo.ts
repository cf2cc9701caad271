import type { Queryable } from '../db/db';
import type { DeviceStatusReport, PrinterState, SpeechVoices, SyncProblemReport, Unprinted } from '../../shared/protocol/device-status';

export type DeviceStatusRow = {
  code: string; role: 'kiosk' | 'tablet'; place: string | null; reportedAt: Date | null; queued: number | null; oldestQueuedAt: Date | null;
  quarantined: number | null; printer: PrinterState | null; appVersion: string | null; syncProblem: SyncProblemReport | null; speech: SpeechVoices | null;
  /** with the copies printed since taken out */
  unprinted: Unprinted[];
};

export type RevokedWorkRow = { code: string; role: 'kiosk' | 'tablet'; place: string | null; revokedAt: Date; reportedAt: Date; queued: number; oldestQueuedAt: Date | null; quarantined: number };

/** What each device last said about itself. */
export const deviceStatusRepo = {
  /** Stores a device's report, returning the one before (locked, so two reports of one device take turns). */
  async put(q: Queryable, deviceId: string, report: DeviceStatusReport): Promise<DeviceStatusReport | null> {
    const { rows } = await q.query<{ queued: number; oldestQueuedAt: Date | null; quarantined: number; printer: PrinterState; appVersion: string; unprinted: Unprinted[]; syncProblem: SyncProblemReport | null; speech: SpeechVoices | null }>(
      `SELECT queued, oldest_queued_at AS "oldestQueuedAt", quarantined, printer, app_version AS "appVersion", unprinted, sync_problem AS "syncProblem", speech FROM device_status WHERE device_id = $1 FOR UPDATE`,
      [deviceId],
    );
    await q.query(
      `INSERT INTO device_status (device_id, reported_at, queued, oldest_queued_at, quarantined, printer, app_version, unprinted, sync_problem, speech)
       VALUES ($1, now(), $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (device_id) DO UPDATE SET reported_at = now(), queued = $2, oldest_queued_at = $3, quarantined = $4, printer = $5, app_version = $6, unprinted = $7, sync_problem = $8, speech = $9`,
      [deviceId, report.queued, report.oldestQueuedAt, report.quarantined, report.printer, report.appVersion, JSON.stringify(report.unprinted), report.syncProblem ? JSON.stringify(report.syncProblem) : null, report.speech ? JSON.stringify(report.speech) : null],
    );
    const prev = rows[0];
    return prev ? { ...prev, oldestQueuedAt: prev.oldestQueuedAt?.toISOString() ?? null } : null;
  },

  /** The branch's devices with their last reports: kiosks first, then tablets, by code. */
  async list(q: Queryable, branchId: string): Promise<DeviceStatusRow[]> {
    const { rows } = await q.query<DeviceStatusRow>(
      `SELECT d.code, d.role, d.place, s.reported_at AS "reportedAt", s.queued, s.oldest_queued_at AS "oldestQueuedAt", s.quarantined, s.printer, s.app_version AS "appVersion", s.sync_problem AS "syncProblem", s.speech,
              coalesce((SELECT jsonb_agg(u) FROM jsonb_array_elements(s.unprinted) u
                        WHERE NOT EXISTS (SELECT 1 FROM document_reprints x WHERE x.receipt_number = u->>'number')), '[]') AS unprinted
       FROM devices d LEFT JOIN device_status s ON s.device_id = d.id
       WHERE d.branch_id = $1 AND d.token_hash IS NOT NULL
       ORDER BY d.role, d.code`,
      [branchId],
    );
    return rows;
  },

  /**
   * What the branch's devices taken out of service (revoked, or replaced under their name)
   * held at their last report and never sent (queued or refused transactions), kept at that
   * moment, not yet marked reviewed: newest first (a name taken out twice, twice).
   */
  async revokedWithWork(q: Queryable, branchId: string): Promise<RevokedWorkRow[]> {
    const { rows } = await q.query<RevokedWorkRow>(
      `SELECT code, role, place, taken_out_at AS "revokedAt", reported_at AS "reportedAt", queued, oldest_queued_at AS "oldestQueuedAt", quarantined
       FROM device_work_left
       WHERE branch_id = $1 AND reviewed_at IS NULL
       ORDER BY taken_out_at DESC, code`,
      [branchId],
    );
    return rows;
  },

  /** Every enrolled device of the chain with what its alerts are judged on (the metrics: one read per scrape). */
  async chain(q: Queryable): Promise<{ branch: string; role: 'kiosk' | 'tablet'; reportedAt: Date | null; queued: number | null; oldestQueuedAt: Date | null; quarantined: number | null; printer: PrinterState | null; syncProblem: SyncProblemReport | null }[]> {
    const { rows } = await q.query<{ branch: string; role: 'kiosk' | 'tablet'; reportedAt: Date | null; queued: number | null; oldestQueuedAt: Date | null; quarantined: number | null; printer: PrinterState | null; syncProblem: SyncProblemReport | null }>(
      `SELECT b.code AS branch, d.role, s.reported_at AS "reportedAt", s.queued, s.oldest_queued_at AS "oldestQueuedAt", s.quarantined, s.printer, s.sync_problem AS "syncProblem"
       FROM devices d JOIN branches b ON b.id = d.branch_id LEFT JOIN device_status s ON s.device_id = d.id
       WHERE d.token_hash IS NOT NULL`);
    return rows;
  },
};
export type DeviceStatusRepo = typeof deviceStatusRepo;
