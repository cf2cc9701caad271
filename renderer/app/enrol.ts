import type { IdentityStore } from '../db/identity-store';
import type { KioskDb } from '../db/kiosk-db';
import { resumeSeries } from '../db/local-changes';
import { type ApiClient, RequestRejectedError } from '../sync/api-client';
import type { DeviceRole } from '../../shared/protocol/enroll';
import type { Failure } from '../../shared/protocol/outcome';
import type { EnrolError } from './EnrolScreen';

/** Trades a one-time code for the device token and keeps the identity; expected failures are values. */
export async function enrol(db: KioskDb, identity: IdentityStore, api: Pick<ApiClient, 'enroll'>, code: string): Promise<{ ok: true; role: DeviceRole } | Failure<Exclude<EnrolError, null>>> {
  let enrolled;
  try {
    enrolled = await api.enroll(code.trim());
  } catch (error) {
    return { ok: false, code: error instanceof RequestRejectedError ? 'code' : 'network' };
  }
  try {
    // A replacement goes on with the series of the device it replaces: the server holds
    // its seqs and document numbers up to these, and would refuse them used twice.
    if (enrolled.resume) await resumeSeries(db, enrolled.resume);
    await identity.put({ deviceId: enrolled.deviceId, deviceCode: enrolled.deviceCode, branchCode: enrolled.branchCode, role: enrolled.role, token: enrolled.token });
  } catch {
    // The host could not keep the token (Electron: no working keyring). The code is spent;
    // the engineer fixes the keyring and staff enrol with a new one.
    return { ok: false, code: 'device' };
  }
  return { ok: true, role: enrolled.role };
}
