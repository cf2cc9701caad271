import { formatDateTime } from '../domain/datetime';
import { formatMoney, type Lang } from '../domain/money';
import { formatOrderCode } from '../domain/order-code';
import type { BranchInfo } from '../protocol/branch';
import type { DayReport } from '../protocol/reports';
import type { Block, PaperDocument } from './model';
import { sellerBlocks } from './receipt';
import { paperStrings } from './strings';

/** "30.11.2026" from "2026-11-30" (the report's day), "30 Nov 2026" in English. */
function dayText(date: string, lang: Lang): string {
  const [y, m, d] = date.split('-');
  return lang === 'ru' ? `${d}.${m}.${y}` : new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/**
 * The day's summary on paper (a supervisor's, non-fiscal): what was handed over, sold,
 * refunded, returned and reprinted, the money by method, what is still open, the sales to check,
 * and what arrived late with the time it was made. Long lists wrap at any width.
 */
export function buildDaySummary(report: DayReport, seller: BranchInfo, lang: Lang, copy = false): PaperDocument {
  const s = paperStrings(lang);
  const money = (k: number) => formatMoney(k, lang);
  const at = (iso: string) => formatDateTime(iso, lang, seller.timeZone);
  const blocks: Block[] = [
    ...sellerBlocks(seller, lang),
    { kind: 'rule' },
    { kind: 'text', text: s.dayTitle, align: 'center', bold: true, size: 'double' },
    { kind: 'text', text: s.dayNonFiscal, align: 'center' },
    { kind: 'pair', left: s.date, right: dayText(report.date, lang) },
    { kind: 'pair', left: s.dayGenerated, right: at(report.generatedAt) },
    { kind: 'rule' },
    { kind: 'pair', left: s.dayPickups(report.pickups.count), right: money(report.pickups.totalKopecks) },
    { kind: 'pair', left: s.daySales(report.sales.count), right: money(report.sales.totalKopecks) },
    { kind: 'pair', left: s.dayRefunds(report.refunds.count), right: money(report.refunds.totalKopecks) },
    { kind: 'pair', left: s.dayOrderReturns(report.orderReturns.count), right: money(report.orderReturns.totalKopecks) },
    { kind: 'pair', left: s.dayReprints, right: String(report.reprints.count) },
    { kind: 'rule' },
    { kind: 'text', text: s.dayMoney, bold: true },
    ...(report.payments.length === 0 ? [{ kind: 'text', text: s.dayNoMoney } as Block]
      : report.payments.map((p): Block => ({ kind: 'pair', left: s.dayMoneyLine(p.method, p.direction, p.count), right: money(p.totalKopecks) }))),
    // Returns of orders paid online: not the branch's money, and still what the shop owes the customers.
    ...(report.orderReturns.online.count === 0 ? []
      : [{ kind: 'pair', left: s.dayOnlineReturns(report.orderReturns.online.count), right: money(report.orderReturns.online.totalKopecks) } as Block]),
    { kind: 'rule' },
    { kind: 'pair', left: s.dayOpenCalls, right: String(report.openHelpRequests) },
    { kind: 'pair', left: s.dayRejections, right: String(report.unresolvedRejections) },
    { kind: 'pair', left: s.dayPassbookOverlaps, right: String(report.passbookOverlaps) },
  ];
  if (report.sales.flagged.length > 0) {
    blocks.push({ kind: 'rule' }, { kind: 'text', text: s.dayFlagged, bold: true });
    for (const f of report.sales.flagged) blocks.push({ kind: 'text', text: `${s.receiptNumber} ${f.receiptNumber}: ${f.flags.map((flag) => s.dayFlags[flag] ?? flag).join(', ')}` });
  }
  blocks.push({ kind: 'rule' }, { kind: 'text', text: s.dayLate, bold: true });
  if (report.late.length === 0) blocks.push({ kind: 'text', text: s.dayNoneLate });
  // The report's own day goes without its date: "made 13:02, received 16:40".
  const sameDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: seller.timeZone }).format(new Date(iso)) === report.date;
  const when = (iso: string) => (sameDay(iso) ? at(iso).split(/,?\s/).at(-1)! : at(iso));
  for (const l of report.late) {
    const subject = l.subject && /^\d{8}$/.test(l.subject) ? formatOrderCode(l.subject) : (l.subject ?? '');
    blocks.push(
      { kind: 'text', text: `${s.dayKinds[l.kind] ?? l.kind} ${subject} (${l.device})`.replace(/\s+\(/, ' (') },
      { kind: 'text', text: `   ${s.dayLateTimes(when(l.occurredAt), when(l.receivedAt))}` },
    );
  }
  blocks.push({ kind: 'signature', label: s.supervisorSignature }, { kind: 'cut' });
  return { id: `day-${report.branch.code}-${report.date}-${report.generatedAt}`, type: 'daysummary', lang, copy, blocks };
}
