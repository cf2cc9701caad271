import { formatOrderCode } from '../../shared/domain/order-code';
import type { AuditEntry } from '../../shared/protocol/audit';
import type { StaffMessages } from '../../shared/i18n/staff-messages';

/**
 * Who did it, as a sentence's subject: first name and surname («Ольга Иванова»), and
 * whether to say «вошла» or «вошёл», from the patronymic (-овна/-евна/-ична: a woman;
 * -ович/-евич/-ич: a man; otherwise null, and the sentence says «вошёл(ла)»).
 */
export function staffWho(name: string): { who: string; female: boolean | null } {
  const parts = name.trim().split(/\s+/);
  const patronymic = parts.length === 3 ? parts[1]!.toLowerCase() : '';
  const female = /(овна|евна|ична|инична)$/.test(patronymic) ? true : /(ович|евич|ич)$/.test(patronymic) ? false : null;
  return { who: parts.length === 3 ? `${parts[0]} ${parts[2]}` : name, female };
}

/** What the entry is about, in words: an order by its code as printed, a call by the kiosk that made it. */
export function auditAbout(e: AuditEntry): { order: string | null; receipt: string | null; kiosk: string | null; other: string | null } {
  const subject = e.subject ?? '';
  const order = /^\d{8}(?=\s|$)/.exec(subject)?.[0] ?? null;
  const receipt = /[A-Z0-9]+-[A-Z]\d{2}-\d{6}/.exec(subject)?.[0] ?? null;
  const isId = /^[0-9a-f-]{36}$/.test(subject);
  return { order: order ? formatOrderCode(order) : null, receipt, kiosk: e.callKiosk ?? null, other: order || receipt || isId || !subject ? null : subject };
}

/** One entry of the day's log as a sentence: «10:42 Ольга Иванова вошла (MSK1-T01)». Never a kind's name or an id. */
export function auditSentence(t: StaffMessages, e: AuditEntry, time: string): string {
  const { who, female } = e.staffName ? staffWho(e.staffName) : { who: t.auditUnknown(e.employeeNo ?? ''), female: null };
  return t.auditSentence(time, who, t.auditDid(e.action, female, { ...auditAbout(e), refused: e.refusedKind ? t.kindText(e.refusedKind) : null, document: e.documentKind ?? null }), e.device ?? '—');
}
