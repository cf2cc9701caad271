import { useCallback, useEffect, useRef, useState } from 'react';
import type { StaffSession, UnlockVerifier } from '../../shared/protocol/staff';
import type { SessionEndReason } from '../../shared/protocol/transactions/staff-signed-out';
import { useServices } from '../app/services';
import { endSessionsLeftOpen, endStaffSession, startStaffSession } from '../flows/staff-session';

/** Why the last session ended without the staff member pressing «Выйти»: the sign-in screen says so. */
export type EndNote = 'expired' | 'ended-on-server' | null;

/** The session as the staff screens hold it for the whole shift: without the offline unlock's secrets, which go sooner. */
export type TabletSession = Omit<StaffSession, 'unlockCode' | 'unlockVerifier'>;

/**
 * What opens the idle lock while the server cannot be reached. Each part is held only as
 * long as it is needed, so that a locked tablet left in other hands gives away neither.
 */
export type OfflineUnlock = {
  /** the code in clear, until the staff member says they have it: then only they know it */
  code: string | null;
  /** what a typed code is checked against; gone once the lock is the server's alone (past its tries) */
  verifier: UnlockVerifier | null;
};

const NONE: OfflineUnlock = { code: null, verifier: null };

/**
 * The signed-in staff member of this tablet, in memory only. The tablet enforces the
 * session's shift itself (by the server's time as it knows it, so a tablet whose clock
 * is a day off ends it when the server would): at `expiresAt` it signs out through the
 * outbox, offline too, and the offline unlock goes with it. Sessions a previous page
 * left open end when the page starts.
 */
export function useStaffSession(): {
  session: TabletSession | null;
  offlineUnlock: OfflineUnlock;
  endNote: EndNote;
  start(employeeNo: string, pin: string): Promise<void>;
  end(reason: SessionEndReason, note?: EndNote): Promise<void>;
  /** the staff member has the code: the tablet drops it */
  codeSeen(): void;
  /** the lock went past its offline tries: nothing on the tablet opens it any more, for the rest of the shift */
  dropVerifier(): void;
} {
  const services = useServices();
  const [session, setSession] = useState<TabletSession | null>(null);
  const [offlineUnlock, setOfflineUnlock] = useState<OfflineUnlock>(NONE);
  const [endNote, setEndNote] = useState<EndNote>(null);
  const current = useRef<TabletSession | null>(null);
  current.current = session;

  useEffect(() => { void endSessionsLeftOpen(services).catch(() => undefined); }, []);

  const start = useCallback(async (employeeNo: string, pin: string) => {
    const { unlockCode, unlockVerifier, ...started } = await startStaffSession(services, employeeNo, pin);
    setEndNote(null);
    setSession(started);
    setOfflineUnlock({ code: unlockCode, verifier: unlockVerifier });
  }, [services]);

  const end = useCallback(async (reason: SessionEndReason, note: EndNote = null) => {
    const ending = current.current;
    if (!ending) return;
    current.current = null;
    setSession(null);
    setOfflineUnlock(NONE);
    setEndNote(note);
    await endStaffSession(services, ending, reason).catch((error: unknown) => console.error('the sign-out could not be queued', error));
  }, [services]);

  const codeSeen = useCallback(() => setOfflineUnlock((o) => ({ ...o, code: null })), []);
  const dropVerifier = useCallback(() => setOfflineUnlock((o) => ({ ...o, verifier: null })), []);

  // The shift's end, by the server's clock; checked again every minute, since a timer
  // set hours ahead drifts and a tablet may sleep.
  useEffect(() => {
    if (!session) return;
    const endsAt = Date.parse(session.expiresAt);
    const check = () => { if (services.clock.nowMs() >= endsAt) void end('expired', 'expired'); };
    const timer = setTimeout(check, Math.max(0, Math.min(endsAt - services.clock.nowMs(), 60_000)));
    const every = setInterval(check, 60_000);
    check();
    return () => { clearTimeout(timer); clearInterval(every); };
  }, [session, end]);

  return { session, offlineUnlock, endNote, start, end, codeSeen, dropVerifier };
}
