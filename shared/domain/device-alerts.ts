import type { DeviceAlert, PrinterState } from '../protocol/device-status';

/** Printer states a person has to fix; paper near its end is said, but is no alarm yet. */
const PRINTER_NEEDS_PERSON: readonly PrinterState[] = ['paper-out', 'cover-open', 'offline', 'no-answer'];

/**
 * What about a device needs staff now: silent for longer than the limit (or never heard
 * from), a queue whose oldest transaction is older than the limit (it cannot reach the
 * server, or the server keeps refusing the round), a printer that needs a person, refused
 * transactions no supervisor resolved.
 */
export function deviceAlerts(
  d: { lastContactAt: string | null; oldestQueuedAt: string | null; printer: PrinterState | null; quarantined: number | null; syncProblem?: { problem: string } | null },
  now: number,
  limits: { silentMinutes: number; queueOldMinutes: number },
): DeviceAlert[] {
  const alerts: DeviceAlert[] = [];
  if (d.lastContactAt === null || now - Date.parse(d.lastContactAt) > limits.silentMinutes * 60_000) alerts.push('silent');
  if (d.oldestQueuedAt !== null && now - Date.parse(d.oldestQueuedAt) > limits.queueOldMinutes * 60_000) alerts.push('queue-old');
  if (d.printer !== null && PRINTER_NEEDS_PERSON.includes(d.printer)) alerts.push('printer');
  if ((d.quarantined ?? 0) > 0) alerts.push('quarantine');
  if (d.syncProblem) alerts.push('sync-problem');
  return alerts;
}
