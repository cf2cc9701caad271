import { z } from 'zod';
import { DeviceRole } from './enroll';
import { IsoDateTime } from './common';

/** A device's printer as staff need to know it: fine, or what a person must do. */
export const PrinterState = z.enum(['ok', 'paper-near-end', 'paper-out', 'cover-open', 'offline', 'no-answer', 'unknown']);
export type PrinterState = z.infer<typeof PrinterState>;

/** A document the device's printer did not confirm: failed (paper out…), or maybe printed (the job stopped mid-way). */
export const Unprinted = z.object({
  number: z.string().min(1).max(40),
  problem: z.enum(['paper-out', 'cover-open', 'offline', 'maybe-printed', 'failed']),
});
export type Unprinted = z.infer<typeof Unprinted>;

/** Why a device's sync cannot go on by itself (renderer/sync/sync-status.ts), as it reports it. */
export const SyncProblemReport = z.object({
  problem: z.enum(['unauthorised', 'needs-update', 'batch-refused', 'device-error']),
  detail: z.string().max(200).nullable(),
}).strict();
export type SyncProblemReport = z.infer<typeof SyncProblemReport>;

/** The largest count the server keeps: device_status.queued and .quarantined are int (015_device_status.sql). */
const INT4_MAX = 2_147_483_647;

/** What a device says about itself after each sync round (PUT /api/v1/devices/current/status). */
/** Which of the kiosk's languages it can speak. */
export const SpeechVoices = z.object({ ru: z.boolean(), en: z.boolean() }).strict();
export type SpeechVoices = z.infer<typeof SpeechVoices>;

export const DeviceStatusReport = z.object({
  queued: z.number().int().min(0).max(INT4_MAX).describe('transactions waiting in its outbox'),
  // A time the database can store (year 0000 or an offset of +23:59 would fail there).
  oldestQueuedAt: IsoDateTime.nullable()
    .describe('when the oldest of them was made'),
  quarantined: z.number().int().min(0).max(INT4_MAX).describe('transactions the server refused and no supervisor resolved yet'),
  printer: PrinterState,
  appVersion: z.string().min(1).max(40),
  unprinted: z.array(Unprinted).max(20).default([]).describe('its recent documents whose printing failed or may have failed (never resent by themselves: staff print a КОПИЯ)'),
  syncProblem: SyncProblemReport.nullable().default(null)
    .describe('added to the contract (issue 19): why its sync cannot go on by itself, with what failed; null when it can'),
  speech: SpeechVoices.nullable().default(null)
    .describe('added to the contract (issue 24): which languages a kiosk can speak (espeak-ng in the shell, or the browser’s voices); null: not known, or a tablet'),
}).strict();
export type DeviceStatusReport = z.infer<typeof DeviceStatusReport>;
export const DeviceStatusAck = z.object({ ok: z.literal(true) });

export const DeviceAlert = z.enum(['silent', 'queue-old', 'printer', 'quarantine', 'sync-problem']);
export type DeviceAlert = z.infer<typeof DeviceAlert>;

/** One device of the branch as the tablets list it. */
export const DeviceState = z.object({
  code: z.string(),
  role: DeviceRole,
  place: z.string().nullable(),
  lastContactAt: IsoDateTime.nullable().describe('its last status report; null: it never reported'),
  queued: z.number().int().nullable(),
  oldestQueuedAt: IsoDateTime.nullable(),
  quarantined: z.number().int().nullable(),
  printer: PrinterState.nullable(),
  appVersion: z.string().nullable(),
  unprinted: z.array(Unprinted).describe('its documents that may not have printed and of which no copy was printed since'),
  syncProblem: SyncProblemReport.nullable().default(null).describe('why its sync cannot go on by itself, as it last reported'),
  speech: SpeechVoices.nullable().default(null).describe('which languages the kiosk can speak, as it last reported (null: not known)'),
  alerts: z.array(DeviceAlert).describe('silent: no report for longer than the limit; queue-old: its oldest queued transaction is older than the limit; printer: needs a person; quarantine: refused transactions to resolve; sync-problem: its sync cannot go on by itself'),
});
export type DeviceState = z.infer<typeof DeviceState>;

/**
 * A device of the branch taken out of service that still held work at its last report:
 * transactions it never sent (a revoked token pushes nothing) and refusals no one resolved.
 * They stay on the device; a supervisor is shown them until they mark them reviewed.
 */
export const RevokedDeviceWork = z.object({
  code: z.string(),
  role: DeviceRole,
  place: z.string().nullable(),
  revokedAt: IsoDateTime,
  lastContactAt: IsoDateTime.describe('its last report, which the counts are from'),
  queued: z.number().int(),
  oldestQueuedAt: IsoDateTime.nullable(),
  quarantined: z.number().int(),
});
export type RevokedDeviceWork = z.infer<typeof RevokedDeviceWork>;

export const DeviceList = z.object({
  now: IsoDateTime.describe('the server’s clock, which the ages are counted from'),
  limits: z.object({ silentMinutes: z.number().int(), queueOldMinutes: z.number().int() }),
  devices: z.array(DeviceState).describe('kiosks first, then tablets, by code'),
  revoked: z.array(RevokedDeviceWork).default([])
    .describe('added to the contract (issue 22): devices taken out of service whose last report held work not sent, until a supervisor marks it reviewed; newest first (absent from a server before it: none)'),
});
export type DeviceList = z.infer<typeof DeviceList>;

/** POST /api/v1/devices/{code}/revoked-work/reviewed: 'already' when someone marked it before (the audit log names the first). */
export const RevokedWorkReviewed = z.object({ deviceCode: z.string(), result: z.enum(['reviewed', 'already']) });
export type RevokedWorkReviewed = z.infer<typeof RevokedWorkReviewed>;
