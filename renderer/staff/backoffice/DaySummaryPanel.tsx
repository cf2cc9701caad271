import { useState } from 'react';
import { buildDaySummary, type PaperDocument } from '../../../shared/documents';
import { messages } from '../../../shared/i18n';
import type { TabletSession } from '../use-staff-session';
import { useServices } from '../../app/services';
import { DocumentView } from '../../documents/DocumentView';
import { printProblemText } from '../../kiosk/print-problem';
import { useStaffText } from '../staff-lang';

/** Today in the branch's time zone: "2026-11-30". */
const dayIn = (timeZone: string | undefined, at: Date) => new Intl.DateTimeFormat('en-CA', timeZone ? { timeZone } : {}).format(at);

/**
 * The day's summary for a supervisor: any day of the branch, read from the server, shown
 * as the paper will be (the shared document model), and printed on the tablet's printer
 * or through the browser's print dialog.
 */
export function DaySummaryPanel({ session }: { session: TabletSession }) {
  const { t, lang } = useStaffText();
  const { api, identity, db, host, clock } = useServices();
  const [date, setDate] = useState('');
  const [paper, setPaper] = useState<PaperDocument | 'offline' | null>(null);
  const [printed, setPrinted] = useState('');
  if (session.staff.role !== 'supervisor') return null;

  async function show() {
    const [id, branch] = await Promise.all([identity.get(), db.getSetting('branch')]);
    // The branch's today by the server's clock: a tablet a day off asks for the right day.
    const day = date || dayIn(branch?.timeZone, clock.now());
    setDate(day);
    setPrinted('');
    const report = id && branch ? await api.dayReport(id.token, session.sessionToken, day).catch(() => null) : null;
    setPaper(report && branch ? buildDaySummary(report, branch, lang) : 'offline');
  }
  async function print(document: PaperDocument) {
    const outcome = await host.print([document]);
    setPrinted(outcome.ok ? t.dayPrinted : printProblemText(messages(lang), outcome.code));
  }

  return (
    <section className="tablet-panel" aria-labelledby="day-title" data-testid="day-summary">
      <h2 id="day-title">{t.dayTitle}</h2>
      <form className="tablet-row" onSubmit={(e) => { e.preventDefault(); void show(); }}>
        <label htmlFor="day-date">{t.dayDate}</label>
        <input id="day-date" type="date" className="tablet-field" value={date} data-testid="day-date" onChange={(e) => setDate(e.target.value)} />
        <button type="submit" className="tablet-button tablet-primary" data-testid="day-show">{t.dayShow}</button>
      </form>
      {paper === 'offline' && <p role="status">{t.dayOffline}</p>}
      {paper && paper !== 'offline' && (
        <>
          <div className="tablet-paper" data-testid="day-paper"><DocumentView document={paper} label={t.dayPaperLabel} /></div>
          <button type="button" className="tablet-button" data-testid="day-print" onClick={() => void print(paper)}>{t.dayPrint}</button>
          <p role="status" data-testid="day-printed">{printed}</p>
        </>
      )}
    </section>
  );
}
