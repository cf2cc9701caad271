import { useEffect, useState } from 'react';
import { formatDateTime } from '../../shared/domain/datetime';
import type { AuditDay } from '../../shared/protocol/audit';
import type { TabletSession } from './use-staff-session';
import { useServices } from '../app/services';
import { auditSentence } from './audit-words';
import { useStaffText } from './staff-lang';

/**
 * Today's staff actions of the branch, for a supervisor (the server refuses anyone else):
 * sign-ins and failed ones, calls taken, payments, handovers, sales, refunds, each as a
 * sentence in staff words («10:42 Ольга Иванова вошла»), never a kind's name or an id. Read when
 * the tab opens and on «Обновить», a page at a time («Показать ещё»); the log is the
 * server's, so offline it says so.
 */
export function AuditPanel({ session, active }: { session: TabletSession; active: boolean }) {
  const { t, lang } = useStaffText();
  const { api, identity } = useServices();
  const [day, setDay] = useState<AuditDay | null | 'offline'>(null);
  const [more, setMore] = useState<'idle' | 'loading' | 'offline'>('idle');
  async function load() {
    const id = await identity.get();
    setMore('idle');
    setDay(id ? await api.audit(id.token, session.sessionToken).catch(() => 'offline' as const) : 'offline');
  }
  /** The next page of the day, after what is shown: a busy day is read a page at a time. */
  async function loadMore(shown: AuditDay) {
    const id = await identity.get();
    if (!id || !shown.next) return;
    setMore('loading');
    const page = await api.audit(id.token, session.sessionToken, shown.next).catch(() => null);
    if (!page) return setMore('offline');
    setMore('idle');
    setDay({ ...page, entries: [...shown.entries, ...page.entries] });
  }
  useEffect(() => { if (active) void load(); }, [active]);
  if (session.staff.role !== 'supervisor') return null;
  const time = (iso: string) => formatDateTime(iso, lang).split(/,?\s/).at(-1) ?? iso;
  return (
    <section className="tablet-panel" aria-labelledby="audit-title" data-testid="audit">
      <div className="tablet-row">
        <h2 id="audit-title" className="tablet-grow">{t.auditTitle}</h2>
        <button type="button" className="tablet-button" data-testid="audit-refresh" onClick={() => void load()}>{t.auditRefresh}</button>
      </div>
      {day === 'offline' ? <p>{t.auditOffline}</p>
        : day && day.entries.length === 0 ? <p>{t.auditEmpty}</p>
        : day && (
          <ul data-testid="audit-entries">
            {day.entries.map((e, i) => (
              <li key={i}>{auditSentence(t, e, time(e.occurredAt))}</li>
            ))}
          </ul>
        )}
      {day && day !== 'offline' && day.next && (
        <div className="tablet-row">
          <button type="button" className="tablet-button" data-testid="audit-more" disabled={more === 'loading'} onClick={() => void loadMore(day)}>{t.auditMore}</button>
          {more === 'offline' && <p className="tablet-grow">{t.auditOffline}</p>}
        </div>
      )}
    </section>
  );
}
