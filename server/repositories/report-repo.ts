import type { Queryable } from '../db/db';
import type { DayReport } from '../../shared/protocol/reports';
import { ConflictError } from '../errors';
import { OCCURRED_AT_WINDOW } from '../../shared/protocol/safe-input';
import { dayBounds } from './day-bounds';

/** A transaction counts as late when it reached the server this long after it was made. */
export const LATE_AFTER_MINUTES = 10;

type Row = Omit<DayReport, 'date' | 'generatedAt' | 'late' | 'orderReturns'> & {
  orderReturns: { count: number; totalKopecks: string; onlineCount: number; onlineKopecks: string };
  late: { kind: string; device: string; subject: string | null; occurredAt: string; receivedAt: string }[] | null };

/**
 * A sum of the day, exact: SQL adds the bigint columns as numeric (it cannot overflow) and
 * sends the sum as text, so no JSON number rounds it on the way. The money bounds of the
 * schemas (common.ts) keep any day's sum far inside 2^53; only documents written before
 * them could pass it, and then the report says so instead of showing a rounded sum.
 */
function exactKopecks(sum: unknown, what: string): number {
  const value = Number(sum);
  if (Number.isSafeInteger(value)) return value;
  throw new ConflictError(`the day's ${what} come to ${String(sum)} kopecks, more than a report shows exactly: a document of the day needs a look`, 'report-overflow');
}

/** The day's summary, read in one statement (one snapshot: the parts add up with each other). */
export const reportRepo = {
  async day(q: Queryable, branchId: string, date: string): Promise<Omit<DayReport, 'generatedAt'>> {
    const { rows } = await q.query<Row>(
      `WITH b AS (SELECT id, code, name, time_zone, ${dayBounds('$2')} FROM branches WHERE id = $1),
       tx AS (
         SELECT t.*, d.code AS device FROM transactions t JOIN devices d ON d.id = t.device_id, b
         WHERE d.branch_id = b.id AND t.occurred_at >= b.day_start AND t.occurred_at < b.day_end
           -- what bounds when a transaction of the day can have arrived (safe-input.ts): the index on received_at finds them
           AND t.received_at >= b.day_start - make_interval(days => ${OCCURRED_AT_WINDOW.futureDays})
           AND t.received_at < b.day_end + make_interval(days => ${OCCURRED_AT_WINDOW.pastDays})
       ),
       money AS (
         SELECT p.method, 'in' AS direction, p.amount_kopecks AS amount FROM order_payments p JOIN pickup_orders o ON o.code = p.order_code, b
           WHERE o.branch_id = b.id AND p.paid_at >= b.day_start AND p.paid_at < b.day_end
         UNION ALL
         SELECT p.method, 'in', p.amount_kopecks FROM sale_payments p JOIN sales s ON s.id = p.sale_id, b
           WHERE s.branch_id = b.id AND s.occurred_at >= b.day_start AND s.occurred_at < b.day_end
         UNION ALL
         -- Paid back from the drawer or to the card: a sale's refund, a desk-paid order's return.
         -- An online payment the shop pays back itself (orderReturns.online).
         SELECT r.method, 'out', r.amount_kopecks FROM refunds r, b
           WHERE r.branch_id = b.id AND r.method IN ('cash', 'card') AND r.occurred_at >= b.day_start AND r.occurred_at < b.day_end
       )
       SELECT
         json_build_object('code', b.code, 'name', b.name) AS branch,
         (SELECT json_build_object('count', count(*), 'totalKopecks', coalesce(sum(o.total_kopecks), 0)::text)
            FROM tx JOIN pickup_orders o ON o.code = tx.payload->>'orderCode' WHERE tx.kind = 'order.pickedUp' AND tx.status = 'applied') AS pickups,
         (SELECT json_build_object('count', count(*), 'totalKopecks', coalesce(sum(s.total_kopecks), 0)::text,
                   'flagged', coalesce(json_agg(json_build_object('receiptNumber', s.receipt_number, 'flags', s.flags) ORDER BY s.occurred_at) FILTER (WHERE s.flags <> '{}'), '[]'))
            FROM sales s WHERE s.branch_id = b.id AND s.occurred_at >= b.day_start AND s.occurred_at < b.day_end) AS sales,
         (SELECT json_build_object('count', count(*), 'totalKopecks', coalesce(sum(r.amount_kopecks), 0)::text)
            FROM refunds r WHERE r.branch_id = b.id AND r.sale_id IS NOT NULL AND r.occurred_at >= b.day_start AND r.occurred_at < b.day_end) AS refunds,
         (SELECT json_build_object('count', count(*), 'totalKopecks', coalesce(sum(r.amount_kopecks), 0)::text,
                   'onlineCount', count(*) FILTER (WHERE r.method = 'online'), 'onlineKopecks', coalesce(sum(r.amount_kopecks) FILTER (WHERE r.method = 'online'), 0)::text)
            FROM refunds r WHERE r.branch_id = b.id AND r.order_code IS NOT NULL AND r.occurred_at >= b.day_start AND r.occurred_at < b.day_end) AS "orderReturns",
         (SELECT json_build_object('count', count(*)) FROM tx WHERE tx.kind = 'document.reprinted' AND tx.status = 'applied') AS reprints,
         (SELECT coalesce(json_agg(json_build_object('method', m.method, 'direction', m.direction, 'count', m.n, 'totalKopecks', m.total) ORDER BY m.direction, m.method), '[]')
            FROM (SELECT method, direction, count(*) AS n, sum(amount::numeric)::text AS total FROM money GROUP BY method, direction) m) AS payments,
         (SELECT count(*)::int FROM assistance_requests a WHERE a.branch_id = b.id AND a.status IN ('open', 'accepted')
            AND a.requested_at >= b.day_start AND a.requested_at < b.day_end) AS "openHelpRequests",
         (SELECT count(*)::int FROM tx WHERE tx.status = 'rejected' AND NOT EXISTS (SELECT 1 FROM rejection_resolutions r WHERE r.transaction_id = tx.id)) AS "unresolvedRejections",
         (SELECT count(*)::int FROM passbook_overlaps po JOIN customers c ON c.id = po.customer_id
            WHERE c.branch_id = b.id AND po.occurred_at >= b.day_start AND po.occurred_at < b.day_end) AS "passbookOverlaps",
         (SELECT json_agg(l ORDER BY l."occurredAt") FROM (
            SELECT tx.kind, tx.device, coalesce(tx.payload->>'orderCode', tx.payload->>'receiptNumber', tx.payload->>'requestId') AS subject,
                   tx.occurred_at AS "occurredAt", tx.received_at AS "receivedAt"
            FROM tx WHERE tx.received_at > tx.occurred_at + make_interval(mins => ${LATE_AFTER_MINUTES})
            ORDER BY tx.occurred_at LIMIT 100) l) AS late
       FROM b`,
      [branchId, date],
    );
    const row = rows[0]!;
    const num = (n: unknown) => Number(n);
    return {
      date, branch: row.branch,
      pickups: { count: num(row.pickups.count), totalKopecks: exactKopecks(row.pickups.totalKopecks, 'pickups') },
      sales: { count: num(row.sales.count), totalKopecks: exactKopecks(row.sales.totalKopecks, 'sales'), flagged: row.sales.flagged },
      refunds: { count: num(row.refunds.count), totalKopecks: exactKopecks(row.refunds.totalKopecks, 'refunds') },
      orderReturns: {
        count: num(row.orderReturns.count), totalKopecks: exactKopecks(row.orderReturns.totalKopecks, 'returns of orders'),
        online: { count: num(row.orderReturns.onlineCount), totalKopecks: exactKopecks(row.orderReturns.onlineKopecks, 'online returns of orders') },
      },
      reprints: { count: num(row.reprints.count) },
      payments: row.payments.map((p) => ({ ...p, count: num(p.count), totalKopecks: exactKopecks(p.totalKopecks, `${p.method} payments ${p.direction}`) })),
      openHelpRequests: row.openHelpRequests, unresolvedRejections: row.unresolvedRejections, passbookOverlaps: row.passbookOverlaps,
      late: (row.late ?? []).map((l) => ({ ...l, occurredAt: new Date(l.occurredAt).toISOString(), receivedAt: new Date(l.receivedAt).toISOString() })),
    };
  },
};
export type ReportRepo = typeof reportRepo;
