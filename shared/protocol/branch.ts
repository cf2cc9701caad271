import { z } from 'zod';
import { BranchCode } from './common';

/** What a device needs to know about its branch: the seller on every printed document. */
export const BranchInfo = z.object({
  code: BranchCode,
  name: z.string().describe('shop name shown to customers, e.g. «Электроника на Садовой»'),
  legalName: z.string().describe('seller as printed on paper, e.g. ООО «Окно-Ритейл»'),
  inn: z.string().regex(/^\d{10}(\d{2})?$/),
  ogrn: z.string().nullable(),
  address: z.string(),
  serviceCentre: z.string().nullable(),
  // Every date on the branch's paper is in its own zone, whatever the device's clock says.
  // Defaulted for a server older than this field.
  timeZone: z.string().min(1).max(60).default('Europe/Moscow').describe('IANA time zone of the branch, e.g. Europe/Moscow'),
});
export type BranchInfo = z.infer<typeof BranchInfo>;
