import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/db';
import type { StaffSession, StaffSignInRequest } from '../../shared/protocol/staff';
import { SignInLockedError, UnauthorizedError, WrongPinError } from '../errors';
import type { DeviceRow } from '../repositories/device-repo';
import type { AuditRepo } from '../repositories/audit-repo';
import type { StaffRepo, StaffSessionRow } from '../repositories/staff-repo';
import { hashPin, verifyPin } from './pin-hash';
import { hashToken, newToken } from './tokens';
import { makeUnlockVerifier } from './unlock-verifier';

export type StaffSessionSettings = {
  /** wrong PINs in a row before the number locks */
  maxAttempts: number;
  lockMinutes: number;
  /** a session lasts a shift */
  sessionHours: number;
};
export const DEFAULT_STAFF_SESSION_SETTINGS: StaffSessionSettings = { maxAttempts: 5, lockMinutes: 15, sessionHours: 8 };

export type StaffSessionDeps = {
  db: Db;
  staff: Pick<StaffRepo, 'findByNumber' | 'signInFailures' | 'lockSignInFailures' | 'setSignInFailures' | 'insertSession' | 'findSessionByTokenHash' | 'endSession'>;
  audit: Pick<AuditRepo, 'append'>;
  settings?: StaffSessionSettings;
  now?: () => Date;
};

/**
 * Staff sign in on a tablet with an employee number and a PIN, checked here only: no PIN
 * hash ever leaves the server. An unknown number costs the same scrypt and counts and
 * locks the same as a wrong PIN, so the answers say nothing about which numbers exist.
 * The PIN is checked before the failures row is locked: scrypt takes ~0.1 s, and on the
 * embedded database a transaction holds the whole database.
 */
export function createStaffSessionService({ db, staff, audit, settings = DEFAULT_STAFF_SESSION_SETTINGS, now = () => new Date() }: StaffSessionDeps) {
  /** One staff action in the audit log, in the transaction that made it. */
  const record = (q: Queryable, device: DeviceRow, action: string, who: { staffId: string | null; employeeNo: string }) =>
    audit.append(q, [{ branchId: device.branchId, deviceId: device.id, occurredAt: now(), staffId: who.staffId, employeeNo: who.employeeNo, action, subject: null }]);

  // A PIN hash of nothing, to spend an unknown number's scrypt on.
  const decoy = hashPin(randomUUID());

  /** One more wrong PIN for this number: how many are left, or the lock when none are. */
  async function countFailure(q: Queryable, branchId: string, employeeNo: string, failedBefore: number): Promise<{ locked?: Date; attemptsLeft?: number }> {
    const attempts = failedBefore + 1;
    if (attempts >= settings.maxAttempts) {
      const lockedUntil = new Date(now().getTime() + settings.lockMinutes * 60_000);
      await staff.setSignInFailures(q, branchId, employeeNo, { failedAttempts: 0, lockedUntil });
      return { locked: lockedUntil };
    }
    await staff.setSignInFailures(q, branchId, employeeNo, { failedAttempts: attempts, lockedUntil: null });
    return { attemptsLeft: settings.maxAttempts - attempts };
  }

  async function resetFailures(q: Queryable, branchId: string, employeeNo: string): Promise<Record<string, never>> {
    await staff.setSignInFailures(q, branchId, employeeNo, { failedAttempts: 0, lockedUntil: null });
    return {};
  }

  return {
    async signIn(device: DeviceRow, input: StaffSignInRequest): Promise<StaffSession> {
      const before = await staff.signInFailures(db, device.branchId, input.employeeNo);
      if (before.lockedUntil && before.lockedUntil > now()) throw new SignInLockedError(before.lockedUntil);
      const member = await staff.findByNumber(db, device.branchId, input.employeeNo);
      const right = await verifyPin(input.pin, member?.pinHash ?? (await decoy)) && member !== null;
      const token = newToken('oks');
      const sessionId = randomUUID();
      const expiresAt = new Date(now().getTime() + settings.sessionHours * 3600_000);
      const verifier = right ? await makeUnlockVerifier(input.pin) : null;
      type Outcome = { locked?: Date; attemptsLeft?: number; member?: NonNullable<typeof member> };
      const outcome = await db.tx(async (q): Promise<Outcome> => {
        const failures = await staff.lockSignInFailures(q, device.branchId, input.employeeNo);
        const who = { staffId: member?.id ?? null, employeeNo: input.employeeNo };
        if (failures.lockedUntil && failures.lockedUntil > now()) {
          await record(q, device, 'sign-in-locked', who);
          return { locked: failures.lockedUntil };
        }
        if (!right || !member) {
          await record(q, device, 'sign-in-failed', who);
          return countFailure(q, device.branchId, input.employeeNo, failures.failedAttempts);
        }
        await resetFailures(q, device.branchId, input.employeeNo);
        await staff.insertSession(q, { id: sessionId, staffId: member.id, deviceId: device.id, tokenHash: hashToken(token), expiresAt });
        await record(q, device, 'sign-in', who);
        return { member };
      });
      if (outcome.locked) throw new SignInLockedError(outcome.locked);
      if (outcome.attemptsLeft !== undefined) throw new WrongPinError(outcome.attemptsLeft);
      const m = outcome.member!;
      return {
        sessionId, sessionToken: token, expiresAt: expiresAt.toISOString(),
        staff: { id: m.id, employeeNo: m.employeeNo, name: m.name, role: m.role },
        unlockVerifier: verifier!,
      };
    },

    /**
     * The PIN again, for an open session after the tablet locked itself: the same check,
     * count and lock as signing in (a locked number ends nothing, but unlocks nothing).
     */
    async unlock(device: DeviceRow, session: StaffSessionRow, pin: string): Promise<void> {
      const before = await staff.signInFailures(db, device.branchId, session.employeeNo);
      if (before.lockedUntil && before.lockedUntil > now()) throw new SignInLockedError(before.lockedUntil);
      const member = await staff.findByNumber(db, device.branchId, session.employeeNo);
      const right = member !== null && (await verifyPin(pin, member.pinHash));
      const outcome = await db.tx(async (q): Promise<{ locked?: Date; attemptsLeft?: number }> => {
        const failures = await staff.lockSignInFailures(q, device.branchId, session.employeeNo);
        if (failures.lockedUntil && failures.lockedUntil > now()) return { locked: failures.lockedUntil };
        await record(q, device, right ? 'unlock' : 'unlock-failed', { staffId: session.staffId, employeeNo: session.employeeNo });
        return right ? resetFailures(q, device.branchId, session.employeeNo) : countFailure(q, device.branchId, session.employeeNo, failures.failedAttempts);
      });
      if (outcome.locked) throw new SignInLockedError(outcome.locked);
      if (outcome.attemptsLeft !== undefined) throw new WrongPinError(outcome.attemptsLeft);
    },

    /** The session an `X-Staff-Session` token names, if it is open, unexpired and this tablet's own. */
    async authenticate(device: DeviceRow, token: string): Promise<StaffSessionRow> {
      const session = await staff.findSessionByTokenHash(db, hashToken(token));
      if (!session || session.deviceId !== device.id || session.endedAt || session.expiresAt <= now()) {
        throw new UnauthorizedError('no open staff session for this tablet: sign in again');
      }
      return session;
    },

    /** The tablet locked itself after 2 minutes untouched: only recorded (the lock is the tablet's). */
    async locked(device: DeviceRow, session: StaffSessionRow): Promise<void> {
      await db.tx((q) => record(q, device, 'lock', { staffId: session.staffId, employeeNo: session.employeeNo }));
    },

    async signOut(device: DeviceRow, session: StaffSessionRow): Promise<void> {
      await db.tx(async (q) => {
        await staff.endSession(q, session.id);
        await record(q, device, 'sign-out', { staffId: session.staffId, employeeNo: session.employeeNo });
      });
    },
  };
}
export type StaffSessionService = ReturnType<typeof createStaffSessionService>;
