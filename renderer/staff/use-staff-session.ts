import { useCallback, useEffect, useRef, useState } from 'react';
import type { StaffSession } from '../../shared/protocol/staff';
import type { SessionEndReason } from '../../shared/protocol/transactions/staff-signed-out';
import { useServices } from '../app/services';
import { endSessionsLeftOpen, endStaffSession, startStaffSession } from '../flows/staff-session';

/** Why the last session ended without the staff member pressing «Выйти»: the sign-in screen says so. */
export type EndNote = 'expired' | 'ended-on-server' | null;

/**
 * The signed-in staff member of this tablet, in memory only. The tablet enforces the
 * session's shift itself (by the server's time as it knows it, so a tablet whose clock
 * is a day off ends it when the server would): at `expiresAt` it signs out through the
 * outbox, offline too. Sessions a previous page left open end when the page starts.
 */
export function useStaffSession(): {
  session: StaffSession | null;
  endNote: EndNote;
  start(employeeNo: string, pin: string): Promise<void>;
  end(reason: SessionEndReason, note?: EndNote): Promise<void>;
} {
  const services = useServices();
  const [session, setSession] = useState<StaffSession | null>(null);
  const [endNote, setEndNote] = useState<EndNote>(null);
  const current = useRef<StaffSession | null>(null);
  current.current = session;

  useEffect(() => { void endSessionsLeftOpen(services).catch(() => undefined); }, []);

  const start = useCallback(async (employeeNo: string, pin: string) => {
    const started = await startStaffSession(services, employeeNo, pin);
    setEndNote(null);
    setSession(started);
  }, [services]);

  const end = useCallback(async (reason: SessionEndReason, note: EndNote = null) => {
    const ending = current.current;
    if (!ending) return;
    current.current = null;
    setSession(null);
    setEndNote(note);
    await endStaffSession(services, ending, reason).catch((error: unknown) => console.error('the sign-out could not be queued', error));
  }, [services]);

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

  return { session, endNote, start, end };
}
