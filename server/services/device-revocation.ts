import type { Db } from '../db/db';
import { DEVICE_REVOKED_EVENT, SESSION_ENDED_EVENT } from '../../shared/protocol/event-names';
import { NotFoundError } from '../errors';
import type { AuditRepo } from '../repositories/audit-repo';
import type { DeviceRepo } from '../repositories/device-repo';
import type { EventRepo } from '../repositories/event-repo';
import type { StaffRepo } from '../repositories/staff-repo';

/**
 * A device taken out of service (stolen, broken, replaced), in one transaction: its token
 * stops working, the staff sessions open on it end, and its event stream and theirs end
 * within the moment the events take to arrive, on every server process (the events go
 * through the database). What it still holds in its outbox stays on it: it is not
 * accepted from a revoked token, and a supervisor reviews it on the device.
 */
export function createDeviceRevocation({ db, devices, staff, events, audit }: {
  db: Db; devices: Pick<DeviceRepo, 'revoke'>; staff: Pick<StaffRepo, 'endOpenSessions'>; events: Pick<EventRepo, 'append'>; audit: Pick<AuditRepo, 'append'>;
}) {
  return {
    async revoke(deviceCode: string): Promise<{ sessionsEnded: number }> {
      return db.tx(async (q) => {
        const device = await devices.revoke(q, deviceCode);
        if (!device) throw new NotFoundError(`no enrolled device with code "${deviceCode}" (a revoked one stays revoked)`);
        const ended = await staff.endOpenSessions(q, { deviceId: device.id });
        await events.append(q, device.branchId, [
          ...ended.map((s) => ({ audience: 'device' as const, deviceId: device.id, name: SESSION_ENDED_EVENT, data: { sessionId: s.id } })),
          { audience: 'device' as const, deviceId: device.id, name: DEVICE_REVOKED_EVENT, data: {} },
        ]);
        await audit.append(q, [{ branchId: device.branchId, deviceId: null, occurredAt: new Date(), staffId: null, employeeNo: null, action: 'device-revoked', subject: deviceCode }]);
        return { sessionsEnded: ended.length };
      });
    },
  };
}
export type DeviceRevocation = ReturnType<typeof createDeviceRevocation>;
