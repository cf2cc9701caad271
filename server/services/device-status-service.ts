import { deviceAlerts } from '../../shared/domain/device-alerts';
import type { DeviceList, DeviceStatusReport } from '../../shared/protocol/device-status';
import type { Db } from '../db/db';
import type { DeviceRow } from '../repositories/device-repo';
import type { DeviceStatusRepo } from '../repositories/device-status-repo';
import type { EventRepo } from '../repositories/event-repo';

/** When a device counts as silent, and a queue as too old (OKNO_DEVICE_SILENT_MINUTES, OKNO_QUEUE_OLD_MINUTES). */
export type DeviceAlertLimits = { silentMinutes: number; queueOldMinutes: number };
export const DEFAULT_DEVICE_ALERT_LIMITS: DeviceAlertLimits = { silentMinutes: 15, queueOldMinutes: 30 };

/**
 * Every device's state for the tablets. A device reports after each sync round; the
 * tablets hear `device.status` when something staff would act on changed (the printer, the
 * refused transactions, a queue starting or emptying, the version), not on every count, so
 * a busy Saturday's kiosks do not flood the event stream. Silence cannot announce itself:
 * the alerts are computed when a tablet reads the list, from the server's clock.
 */
export function createDeviceStatusService(deps: { db: Db; status: DeviceStatusRepo; events: Pick<EventRepo, 'append'>; limits?: DeviceAlertLimits }) {
  const limits = deps.limits ?? DEFAULT_DEVICE_ALERT_LIMITS;
  return {
    /** when a device counts as silent and a queue as old (the metrics judge by the same) */
    limits,
    async report(device: DeviceRow, report: DeviceStatusReport): Promise<void> {
      await deps.db.tx(async (q) => {
        const prev = await deps.status.put(q, device.id, report);
        const changed = !prev || prev.printer !== report.printer || prev.quarantined !== report.quarantined
          || (prev.queued > 0) !== (report.queued > 0) || prev.appVersion !== report.appVersion
          || JSON.stringify(prev.unprinted) !== JSON.stringify(report.unprinted)
          || (prev.syncProblem?.problem ?? null) !== (report.syncProblem?.problem ?? null)
          || JSON.stringify(prev.speech ?? null) !== JSON.stringify(report.speech ?? null);
        if (changed) await deps.events.append(q, device.branchId, [{ audience: 'staff', name: 'device.status', data: { device: device.code, printer: report.printer, queued: report.queued, quarantined: report.quarantined } }]);
      });
    },

    async list(branchId: string, now = new Date()): Promise<DeviceList> {
      const [rows, revoked] = await Promise.all([deps.status.list(deps.db, branchId), deps.status.revokedWithWork(deps.db, branchId)]);
      return {
        revoked: revoked.map((r) => ({
          code: r.code, role: r.role, place: r.place, revokedAt: r.revokedAt.toISOString(), lastContactAt: r.reportedAt.toISOString(),
          queued: r.queued, oldestQueuedAt: r.oldestQueuedAt?.toISOString() ?? null, quarantined: r.quarantined,
        })),
        now: now.toISOString(),
        limits,
        devices: rows.map((r) => {
          const d = {
            code: r.code, role: r.role, place: r.place, lastContactAt: r.reportedAt?.toISOString() ?? null, queued: r.queued,
            oldestQueuedAt: r.oldestQueuedAt?.toISOString() ?? null, quarantined: r.quarantined, printer: r.printer, appVersion: r.appVersion,
            unprinted: r.unprinted, syncProblem: r.syncProblem, speech: r.speech,
          };
          return { ...d, alerts: deviceAlerts(d, now.getTime(), limits) };
        }),
      };
    },
  };
}
export type DeviceStatusService = ReturnType<typeof createDeviceStatusService>;
