import { describe, expect, it } from 'vitest';
import { deviceAlerts } from '../../shared/domain/device-alerts';
import type { DeviceStatusReport } from '../../shared/protocol/device-status';
import { DeviceReporter, printerState } from '../../renderer/sync/device-report';

const limits = { silentMinutes: 15, queueOldMinutes: 30 };
const NOW = Date.parse('2026-11-30T12:00:00Z');
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

describe('device alerts', () => {
  it('silent past the limit or never heard from; a queue older than its limit; a printer a person must fix; refusals', () => {
    const fine = { lastContactAt: ago(1), oldestQueuedAt: null, printer: 'ok' as const, quarantined: 0 };
    expect(deviceAlerts(fine, NOW, limits)).toEqual([]);
    expect(deviceAlerts({ ...fine, lastContactAt: ago(15) }, NOW, limits)).toEqual([]); // at the limit, not past it
    expect(deviceAlerts({ ...fine, lastContactAt: ago(16) }, NOW, limits)).toEqual(['silent']);
    expect(deviceAlerts({ ...fine, lastContactAt: null, printer: null, quarantined: null }, NOW, limits)).toEqual(['silent']);
    expect(deviceAlerts({ ...fine, oldestQueuedAt: ago(31) }, NOW, limits)).toEqual(['queue-old']);
    expect(deviceAlerts({ ...fine, printer: 'paper-near-end' }, NOW, limits)).toEqual([]);
    for (const printer of ['paper-out', 'cover-open', 'offline', 'no-answer'] as const) expect(deviceAlerts({ ...fine, printer }, NOW, limits)).toEqual(['printer']);
    expect(deviceAlerts({ ...fine, quarantined: 1 }, NOW, limits)).toEqual(['quarantine']);
  });
});

describe('the device’s status report', () => {
  it('says the printer as staff need it', () => {
    expect(printerState(null)).toBe('unknown');
    expect(printerState({ problem: null, paperNearEnd: false })).toBe('ok');
    expect(printerState({ problem: null, paperNearEnd: true })).toBe('paper-near-end');
    expect(printerState({ problem: 'cover-open', paperNearEnd: true })).toBe('cover-open');
  });

  it('is sent when something changed, and once a minute otherwise as a sign of life; a failed send is tried next round', async () => {
    const sent: DeviceStatusReport[] = [];
    let fail = false;
    let now = NOW;
    let unprinted: DeviceStatusReport['unprinted'] = [];
    const reporter = new DeviceReporter({ reportStatus: async (_t, r) => { if (fail) throw new Error('offline'); sent.push(r); } }, async () => unprinted, () => now);
    const sync = { queued: 0, oldestQueuedAt: null, quarantined: 0 };
    await reporter.report('t', sync);
    await reporter.report('t', sync);
    expect(sent).toHaveLength(1);
    reporter.printerChanged({ problem: 'paper-out', paperNearEnd: false });
    await reporter.report('t', { ...sync, queued: 2, oldestQueuedAt: NOW - 5_000 });
    expect(sent.at(-1)).toMatchObject({ queued: 2, oldestQueuedAt: new Date(NOW - 5_000).toISOString(), printer: 'paper-out' });
    now += 61_000;
    await reporter.report('t', { ...sync, queued: 2, oldestQueuedAt: NOW - 5_000 });
    expect(sent).toHaveLength(3);
    unprinted = [{ number: 'MSK1-K01-000042', problem: 'paper-out' }]; // a receipt did not print: said at once
    await reporter.report('t', { ...sync, queued: 2, oldestQueuedAt: NOW - 5_000 });
    expect(sent).toHaveLength(4);
    expect(sent.at(-1)!.unprinted).toEqual(unprinted);
    fail = true;
    await expect(reporter.report('t', sync)).rejects.toThrow('offline');
    fail = false;
    await reporter.report('t', sync);
    expect(sent).toHaveLength(5);
  });
});
