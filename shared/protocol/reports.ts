import { z } from 'zod';
import { CalendarDate, IsoDateTime } from './common';

export const DayReportQuery = z.object({ date: CalendarDate.describe('the branch’s day, in its time zone') });

const Sum = z.object({ count: z.number().int(), totalKopecks: z.number().int() });

/**
 * A branch's day for the supervisor (GET /api/v1/reports/day): what was handed over, sold,
 * refunded and reprinted, the money by method, what is still open, and what arrived late
 * from devices that were offline. Not a fiscal report: okno talks to no fiscal register.
 */
export const DayReport = z.object({
  date: z.string(),
  branch: z.object({ code: z.string(), name: z.string() }),
  generatedAt: IsoDateTime,
  pickups: Sum.describe('orders handed over'),
  sales: Sum.extend({ flagged: z.array(z.object({ receiptNumber: z.string(), flags: z.array(z.string()) })).describe('sales that need a look: a price changed offline, a serial sold twice…') }),
  refunds: Sum.describe('refunds of sales'),
  orderReturns: Sum.extend({ online: Sum.describe('of those, orders paid online: the shop pays the money back online, not the branch') })
    // A server from before returns of orders sends none: none were made there.
    .default({ count: 0, totalKopecks: 0, online: { count: 0, totalKopecks: 0 } })
    .describe('added to the contract: goods of handed-over pickup orders taken back (order.returned); the cash and card ones are in payments, out'),
  reprints: z.object({ count: z.number().int() }),
  payments: z.array(z.object({ method: z.enum(['cash', 'card']), direction: z.enum(['in', 'out']), count: z.number().int(), totalKopecks: z.number().int() }))
    .describe('money taken at the branch (pickup orders paid at the desk, sales) and paid back (refunds, returns of orders paid at the desk), by method'),
  openHelpRequests: z.number().int().describe('calls for help of the day not closed'),
  unresolvedRejections: z.number().int().describe('transactions of the day the server refused and no supervisor resolved'),
  passbookOverlaps: z.number().int().describe('passbook printouts of the day that repeated lines already on paper (two kiosks printing one card offline)'),
  late: z.array(z.object({
    kind: z.string(), device: z.string(), subject: z.string().nullable(), occurredAt: IsoDateTime, receivedAt: IsoDateTime,
  })).describe('transactions of the day that reached the server more than 10 minutes after they were made (a device offline), oldest first, at most 100'),
});
export type DayReport = z.infer<typeof DayReport>;
