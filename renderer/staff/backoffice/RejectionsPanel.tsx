import { useEffect, useState } from 'react';
import type { Rejection } from '../../../shared/protocol/rejections';
import type { TabletSession } from '../use-staff-session';
import { useServices } from '../../app/services';
import type { LiveEvents } from '../../sync/live-events';
import { useStaffText } from '../staff-lang';
import { correctionOf, rejectionLine } from './rejection-words';

/**
 * The branch's transactions the server refused, newest first, in plain words. A supervisor
 * closes each with a note: handled, or corrected by the handover redone since. The list is
 * the server's (read when the tab opens, and again when a tablet hears of a new refusal or
 * a resolution); the resolution is a transaction, queued like any other, so it is made
 * offline too and reaches the server once.
 */
export function RejectionsPanel({ session, live, active, onOpen }: { session: TabletSession; live: LiveEvents; active: boolean; onOpen: (open: number) => void }) {
  const { t, lang } = useStaffText();
  const { api, identity, changes, clock } = useServices();
  const [rows, setRows] = useState<Rejection[] | 'offline' | null>(null);
  const [done, setDone] = useState<Set<string>>(new Set());
  async function load() {
    const id = await identity.get();
    const list = id ? await api.rejections(id.token, session.sessionToken).then((r) => r.rejections, () => 'offline' as const) : 'offline' as const;
    setRows(list);
    if (list !== 'offline') onOpen(list.length);
  }
  useEffect(() => { if (active) void load(); }, [active]);
  useEffect(() => live.subscribe((event) => {
    if (event.name === 'transaction.rejected' || event.name === 'rejection.resolved') void load();
  }), [live]);

  async function resolve(r: Rejection, note: string, correction: string | null) {
    await changes.run([], (change) => change.enqueue('rejection.resolved', {
      transactionId: r.transactionId, note, staffSessionId: session.sessionId,
      ...(correction ? { action: 'corrected' as const, correctingTransactionId: correction } : { action: 'handled' as const }),
    }));
    setDone((d) => new Set(d).add(r.transactionId));
  }

  const supervisor = session.staff.role === 'supervisor';
  return (
    <section className="tablet-panel" aria-labelledby="rejections-title" data-testid="rejections">
      <div className="tablet-row">
        <h2 id="rejections-title" className="tablet-grow">{t.rejectionsTitle}</h2>
        <button type="button" className="tablet-button" data-testid="rejections-refresh" onClick={() => void load()}>{t.rejectionsRefresh}</button>
      </div>
      <p>{supervisor ? t.rejectionsLead : t.rejectionOnlySupervisor}</p>
      {rows === 'offline' ? <p role="status">{t.rejectionsOffline}</p>
        : rows && rows.length === 0 ? <p role="status" data-testid="rejections-none">{t.rejectionsNone}</p>
        : rows && (
          <ul className="tablet-list">
            {rows.map((r) => (
              <li key={r.transactionId} className="tablet-call" data-testid="rejection" data-tx={r.transactionId}>
                <p className="tablet-big">{rejectionLine(t, r, lang, clock.now())}</p>
                {done.has(r.transactionId) ? <p role="status" data-testid="rejection-queued">{t.rejectionQueued}</p>
                  : supervisor && <Resolve rejection={r} onResolve={(note, correction) => void resolve(r, note, correction)} />}
              </li>
            ))}
          </ul>
        )}
    </section>
  );
}

function Resolve({ rejection, onResolve }: { rejection: Rejection; onResolve: (note: string, correction: string | null) => void }) {
  const { t } = useStaffText();
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const correction = correctionOf(rejection);
  const id = `note-${rejection.transactionId}`;
  function submit(corrected: boolean) {
    if (note.trim() === '') { setMissing(true); return; }
    onResolve(note.trim(), corrected && correction ? correction.transactionId : null);
  }
  return (
    <form className="tablet-form tablet-form-wide" onSubmit={(e) => { e.preventDefault(); submit(false); }}>
      <label htmlFor={id}>{t.rejectionNote}</label>
      <input id={id} className="tablet-field" autoComplete="off" maxLength={500} value={note} data-testid="rejection-note"
        onChange={(e) => { setNote(e.target.value); setMissing(false); }} />
      {missing && <p className="tablet-note" role="alert">{t.rejectionNeedsNote}</p>}
      <div className="tablet-row">
        <button type="submit" className="tablet-button tablet-primary" data-testid="rejection-handled">{t.rejectionHandled}</button>
        {correction && (
          <button type="button" className="tablet-button" data-testid="rejection-corrected" onClick={() => submit(true)}>{t.rejectionCorrected(t.deviceOn(correction.device))}</button>
        )}
      </div>
    </form>
  );
}
