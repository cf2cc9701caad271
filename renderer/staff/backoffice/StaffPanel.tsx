import { useEffect, useState } from 'react';
import { formatDateTime } from '../../../shared/domain/datetime';
import type { StaffMember, StaffMemberAction } from '../../../shared/protocol/staff';
import { useServices } from '../../app/services';
import type { TabletSession } from '../use-staff-session';
import { useStaffText } from '../staff-lang';

type Pending = { member: StaffMember; action: StaffMemberAction } | null;

/**
 * A supervisor manages the branch's staff (issue 22): resets a colleague's PIN (the
 * one-time code with which they set a new one is shown here once, to hand over in
 * person), ends their sessions on every tablet, deactivates or re-activates them. Each
 * action is confirmed first, and the server writes it to the audit log. Not their own
 * number: another supervisor or the IT team does that.
 */
export function StaffPanel({ session, active }: { session: TabletSession; active: boolean }) {
  const { t, lang } = useStaffText();
  const { api, identity } = useServices();
  const [members, setMembers] = useState<StaffMember[] | 'offline' | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [note, setNote] = useState<{ text: string; ok: boolean; code?: string }>({ text: '', ok: true });

  async function load() {
    const id = await identity.get();
    const list = id ? await api.staffMembers(id.token, session.sessionToken).catch(() => null) : null;
    setMembers(list ? list.members : 'offline');
  }
  useEffect(() => { if (active) void load(); }, [active]);

  const verbs: Record<StaffMemberAction, string> = { 'reset-pin': t.staffResetPin, 'end-sessions': t.staffEndSessions, deactivate: t.staffDeactivate, reactivate: t.staffReactivate };

  async function act({ member, action }: NonNullable<Pending>) {
    setPending(null);
    const id = await identity.get();
    const done = id ? await api.staffMemberAction(id.token, session.sessionToken, member.employeeNo, action).catch(() => null) : null;
    if (!done) { setNote({ text: t.staffFailed, ok: false }); return; }
    if (action === 'reset-pin' && done.pinSetupCode) {
      const code = `${done.pinSetupCode.slice(0, 4)} ${done.pinSetupCode.slice(4)}`;
      setNote({ text: t.staffCodeFor(member.name, formatDateTime(done.pinSetupExpiresAt!, lang)), ok: true, code });
    } else if (action === 'deactivate') setNote({ text: t.staffDeactivated(member.name), ok: true });
    else if (action === 'reactivate') setNote({ text: t.staffReactivated(member.name), ok: true });
    else setNote({ text: t.staffEnded(member.name, done.sessionsEnded), ok: true });
    await load();
  }

  const pinWord = (m: StaffMember) => (m.pin === 'waiting-for-code' ? t.staffPinWaiting : m.pin === 'code-expired' ? t.staffPinExpired : null);
  return (
    <section className="tablet-panel" aria-labelledby="staff-title" data-testid="staff-panel">
      <h2 id="staff-title">{t.staffTitle}</h2>
      <p>{t.staffLead}</p>
      {note.text && (
        <p className={note.ok ? 'tablet-staff-done' : 'tablet-note'} role="status" data-testid="staff-note">
          {note.text}
          {note.code && <strong className="tablet-staff-code" data-testid="staff-code">{note.code}</strong>}
        </p>
      )}
      {members === 'offline' && <p className="tablet-note">{t.staffFailed}</p>}
      {Array.isArray(members) && (
        <ul className="tablet-staff-list">
          {members.map((m) => {
            const self = m.employeeNo === session.staff.employeeNo;
            const asking = pending?.member.employeeNo === m.employeeNo ? pending : null;
            return (
              <li key={m.employeeNo} className={`tablet-staff-member${m.active ? '' : ' tablet-staff-inactive'}`} data-testid={`staff-${m.employeeNo}`}>
                <div>
                  <strong>{m.name}</strong> <span>№ {m.employeeNo}</span>
                  <div className="tablet-staff-state">
                    {[m.active ? t.staffActive : t.staffInactive, pinWord(m), t.staffSignedIn(m.openSessions)].filter(Boolean).join(' · ')}
                  </div>
                </div>
                {!self && asking && (
                  <div className="tablet-row" role="group" aria-label={t.staffConfirm(verbs[asking.action], m.name)}>
                    <span>{t.staffConfirm(verbs[asking.action], m.name)}</span>
                    <button type="button" className="tablet-button tablet-primary" data-testid="staff-confirm" onClick={() => void act(asking)}>{t.staffConfirmYes}</button>
                    <button type="button" className="tablet-button" onClick={() => setPending(null)}>{t.staffConfirmNo}</button>
                  </div>
                )}
                {!self && !asking && (
                  <div className="tablet-row">
                    {m.active && <button type="button" className="tablet-button" data-testid="staff-reset-pin" onClick={() => setPending({ member: m, action: 'reset-pin' })}>{t.staffResetPin}</button>}
                    {m.openSessions > 0 && <button type="button" className="tablet-button" data-testid="staff-end-sessions" onClick={() => setPending({ member: m, action: 'end-sessions' })}>{t.staffEndSessions}</button>}
                    {m.active
                      ? <button type="button" className="tablet-button" data-testid="staff-deactivate" onClick={() => setPending({ member: m, action: 'deactivate' })}>{t.staffDeactivate}</button>
                      : <button type="button" className="tablet-button" data-testid="staff-reactivate" onClick={() => setPending({ member: m, action: 'reactivate' })}>{t.staffReactivate}</button>}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
