import { z } from 'zod';
import { BranchCode, IsoDateTime, Uuid } from './common';

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
  resume: z.object({
    lastSeq: z.number().int().min(0).describe('the highest transaction seq of this device the server holds: the new device queues from the next one'),
    lastDocumentNumber: z.number().int().min(0).describe('the highest counter of this device’s receipts, slips and statements the server knows: the series goes on from the next one'),
  }).optional().describe('added (issue 22): a replacement for a broken or stolen device, enrolled with a code made by `enroll-code --replaces`: it takes over the old device’s name, place and series'),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;

/** POST /api/v1/devices/{code}/revoke (a supervisor, added in issue 22): the device is out of service. */
export const DeviceCodeParams = z.object({ code: z.string().regex(/^[A-Z0-9]{1,8}-[A-Z0-9]{1,8}$/, 'code: a device code such as MSK1-K01') }).strict();
export const DeviceRevoked = z.object({ deviceCode: z.string(), sessionsEnded: z.number().int() });
export type DeviceRevoked = z.infer<typeof DeviceRevoked>;

/** POST /api/v1/devices/{code}/replacement (a supervisor, added in issue 22): a code with which a new device takes this one's place. */
export const ReplacementCode = z.object({
  deviceCode: z.string(),
  code: z.string().describe('one-time enrolment code: the new device takes the name, place and numbering of `deviceCode`'),
  expiresAt: IsoDateTime,
});
export type ReplacementCode = z.infer<typeof ReplacementCode>;
