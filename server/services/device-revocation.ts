import type { Db } from '../db/db';
import { DEVICE_REVOKED_EVENT, SESSION_ENDED_EVENT } from '../../shared/protocol/event-names';
import { ForbiddenError, NotFoundError } from '../errors';
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
  db: Db; devices: Pick<DeviceRepo, 'revoke' | 'findAnyByCode' | 'keepWorkLeft' | 'markWorkLeftReviewed'>; staff: Pick<StaffRepo, 'endOpenSessions'>; events: Pick<EventRepo, 'append'>; audit: Pick<AuditRepo, 'append'>;
}) {
  return {
    /**
     * `by`: a supervisor on a tablet, who may take out a device of their own branch only,
     * and not the tablet they hold; the CLI (null) any.
     */
    async revoke(deviceCode: string, by: { branchId: string; deviceId: string; staffId: string; employeeNo: string } | null = null): Promise<{ sessionsEnded: number }> {
      return db.tx(async (q) => {
        const found = await devices.findAnyByCode(q, deviceCode);
        if (by && (!found || found.branchId !== by.branchId)) throw new NotFoundError(`no device ${deviceCode} in this branch`);
        if (by && found!.id === by.deviceId) throw new ForbiddenError('a tablet cannot take itself out of service: do it from another tablet or the server', 'device-self');
        const device = await devices.revoke(q, deviceCode);
        if (!device) throw new NotFoundError(`no enrolled device with code "${deviceCode}" (a revoked one stays revoked)`);
        await devices.keepWorkLeft(q, device.id);
        const ended = await staff.endOpenSessions(q, { deviceId: device.id });
        await events.append(q, device.branchId, [
          ...ended.map((s) => ({ audience: 'device' as const, deviceId: device.id, name: SESSION_ENDED_EVENT, data: { sessionId: s.id } })),
          { audience: 'device' as const, deviceId: device.id, name: DEVICE_REVOKED_EVENT, data: {} },
        ]);
        await audit.append(q, [{ branchId: device.branchId, deviceId: by?.deviceId ?? null, occurredAt: new Date(), staffId: by?.staffId ?? null, employeeNo: by?.employeeNo ?? 'cli', action: 'device-revoked', subject: deviceCode }]);
        return { sessionsEnded: ended.length };
      });
    },

    /**
     * A supervisor has looked at what a device of their branch taken out of service still
     * held (its last report: GET /api/v1/devices, `revoked`), and it leaves the list (every
     * taking-out of that name not reviewed yet). Once: the first marks it and is audited,
     * any later one is told 'already'.
     */
    async markWorkReviewed(deviceCode: string, by: { branchId: string; deviceId: string; staffId: string; employeeNo: string }): Promise<'reviewed' | 'already'> {
      return db.tx(async (q) => {
        const result = await devices.markWorkLeftReviewed(q, by.branchId, deviceCode);
        if (!result) throw new NotFoundError(`no device ${deviceCode} taken out of service in this branch`);
        if (result === 'reviewed') {
          await audit.append(q, [{ branchId: by.branchId, deviceId: by.deviceId, occurredAt: new Date(), staffId: by.staffId, employeeNo: by.employeeNo, action: 'revoked-work-reviewed', subject: deviceCode }]);
        }
        return result;
      });
    },
  };
}
export type DeviceRevocation = ReturnType<typeof createDeviceRevocation>;
