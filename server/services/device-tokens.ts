import type { Db } from '../db/db';
import type { AuditRepo } from '../repositories/audit-repo';
import type { DeviceRepo, DeviceRow } from '../repositories/device-repo';
import { hashToken, newToken } from './tokens';

export type TokenRotationSettings = {
  /** a device's token older than this is replaced in its next sync round (OKNO_DEVICE_TOKEN_DAYS) */
  rotateAfterDays: number;
  /** how long the token it replaced still works (OKNO_DEVICE_TOKEN_GRACE_DAYS) */
  graceDays: number;
};
export const DEFAULT_TOKEN_ROTATION: TokenRotationSettings = { rotateAfterDays: 30, graceDays: 7 };

/** How long after a rotation the old token is taken as a request already on its way, not a lost answer. */
const LOST_ANSWER_MS = 60_000;

/**
 * Device tokens that do not live for ever: a pull hands the device a new token when its
 * own is older than `rotateAfterDays`, and the token it had keeps working for
 * `graceDays`, so an answer lost on the way (the device never stores the new token)
 * costs nothing. A device that comes with the old token again (a minute later or more,
 * the new one never used) gets yet another new one, and the old one keeps its original
 * end: a copied token dies on time whatever happens, and once the device used its new
 * token, a copy of the old one cannot take the device's place. Only devices that say they
 * keep a new token (`?rotate=1`, this release on) are rotated: an older one would drop it.
 * A device away longer than rotateAfterDays + nothing is still fine: it is rotated on
 * its first round back. Revocation ends both tokens (device-repo.ts).
 */
export function createDeviceTokenRotation({ db, devices, audit, settings = DEFAULT_TOKEN_ROTATION, now = () => new Date() }: {
  db: Db; devices: Pick<DeviceRepo, 'rotateToken' | 'markTokenSeen'>; audit: Pick<AuditRepo, 'append'>; settings?: TokenRotationSettings; now?: () => Date;
}) {
  return {
    /** The device's new token, if it is due one (to send with the answer), else undefined. */
    async rotateIfDue(device: DeviceRow): Promise<string | undefined> {
      const state = device.token;
      if (!state) return undefined;
      // The device came with its current token: it has it. From now on the old one mints nothing.
      if (state.used === 'current' && !state.currentSeen) await devices.markTokenSeen(db, device.id, state.currentHash);
      const age = now().getTime() - state.issuedAt.getTime();
      // The old token again, a minute after the new one was handed out, and the new one
      // never used: that answer was lost. Sooner, it is a request that left before the
      // answer came (a device's pull and its ticket at once): a token handed out now would
      // kill the one on its way. Once the new one was used, the old one is only someone
      // else's copy: it works to the end of its grace period and mints nothing.
      const due = state.used === 'old' ? age >= LOST_ANSWER_MS && !state.currentSeen : age >= settings.rotateAfterDays * 86_400_000;
      if (!due) return undefined;
      const token = newToken('okd');
      const oldUntil = state.used === 'current' ? new Date(now().getTime() + settings.graceDays * 86_400_000) : null;
      const rotated = await db.tx(async (q) => {
        if (!(await devices.rotateToken(q, device.id, state.currentHash, hashToken(token), oldUntil))) return false;
        await audit.append(q, [{ branchId: device.branchId, deviceId: device.id, occurredAt: now(), staffId: null, employeeNo: null, action: 'device-token-rotated', subject: device.code }]);
        return true;
      });
      return rotated ? token : undefined;
    },
  };
}
export type DeviceTokenRotation = ReturnType<typeof createDeviceTokenRotation>;
