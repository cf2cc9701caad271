import { z } from 'zod';
import { BranchCode, Uuid } from './common';

/** POST /api/v1/devices/enroll — a kiosk or tablet trades a one-time code for its token. */
export const EnrollRequest = z.object({
  code: z.string().trim().min(4).max(32).describe('one-time enrolment code made by a supervisor'),
});
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const DeviceRole = z.enum(['kiosk', 'tablet']);
export type DeviceRole = z.infer<typeof DeviceRole>;

export const EnrollResponse = z.object({
  deviceId: Uuid,
  branchId: Uuid,
  branchCode: BranchCode,
  deviceCode: z.string().describe('prefix of this device’s receipt numbers, e.g. MSK1-K01'),
  role: DeviceRole,
  token: z.string().describe('bearer token; shown once, stored hashed on the server'),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;
