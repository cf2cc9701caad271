import type { DeviceState } from '../../../shared/protocol/device-status';
import type { StaffMessages } from '../../../shared/i18n/staff-messages';

const minutesSince = (iso: string | null, now: number) => (iso === null ? null : Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000)));

/** A device's state in one line of large print: contact, queue, refusals, printer, voice, version. */
export function deviceLine(t: StaffMessages, d: DeviceState, now: number): string {
  return [
    t.deviceSeen(minutesSince(d.lastContactAt, now)),
    t.deviceQueue(d.queued ?? 0, minutesSince(d.oldestQueuedAt, now)),
    t.deviceQuarantined(d.quarantined ?? 0),
    ...(d.role === 'kiosk' || (d.printer && d.printer !== 'unknown') ? [t.printerStateText(d.printer)] : []),
    ...(d.role === 'kiosk' && d.speech ? [t.deviceSpeech(d.speech.ru, d.speech.en)] : []),
    t.deviceVersion(d.appVersion),
  ].filter(Boolean).join(' · ');
}

/** What needs a person about a device, in words: «Киоск MSK1-K02 (у входа): молчит 25 мин; нет бумаги». Null when nothing does. */
export function alertLine(t: StaffMessages, d: DeviceState, now: number): string | null {
  if (d.alerts.length === 0) return null;
  const words = d.alerts.map((alert) => {
    switch (alert) {
      case 'silent': return t.alertSilent(minutesSince(d.lastContactAt, now));
      case 'queue-old': return t.alertQueueOld(minutesSince(d.oldestQueuedAt, now) ?? 0);
      case 'printer': return t.printerStateText(d.printer);
      case 'quarantine': return t.alertQuarantine(d.quarantined ?? 0);
      case 'sync-problem': return t.alertSyncProblem(d.syncProblem?.problem ?? '', d.syncProblem?.detail ?? null);
    }
  });
  return `${t.deviceTitle(d.code, d.place)}: ${words.join('; ')}`;
}
