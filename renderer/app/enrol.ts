import type { IdentityStore } from '../db/identity-store';
import { type ApiClient, RequestRejectedError } from '../sync/api-client';
import type { EnrolError } from './EnrolScreen';

/** Trades a one-time code for the device token and keeps the identity; expected failures are values. */
export async function enrol(identity: IdentityStore, api: Pick<ApiClient, 'enroll'>, code: string): Promise<{ ok: true } | { ok: false; error: Exclude<EnrolError, null> }> {
  try {
    const r = await api.enroll(code.trim());
    await identity.put({ deviceId: r.deviceId, deviceCode: r.deviceCode, branchCode: r.branchCode, token: r.token });
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof RequestRejectedError ? 'code' : 'network' };
  }
}
