import { HEARTBEAT_MS } from '../../shared/protocol/live-events';
import { randomInt, randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/db';
import type { NumberUnlocked, PinSetupDone, PinSetupRequest, StaffSession, StaffSignInRequest } from '../../shared/protocol/staff';
import { ConflictError, ForbiddenError, SessionLockedError, SignInLockedError, UnauthorizedError, WrongPinError, WrongSetupCodeError } from '../errors';
import type { DeviceRow } from '../repositories/device-repo';
import type { AuditRepo } from '../repositories/audit-repo';
import type { EventRepo } from '../repositories/event-repo';
import type { FailureScope, SignInFailures, StaffRepo, StaffSessionRow } from '../repositories/staff-repo';
import { SESSION_ENDED_EVENT } from '../../shared/protocol/event-names';
import { hashPin, verifyPin } from './pin-hash';
import { parseSessionPublicKey } from './staff-key';
import { hashToken, newToken } from './tokens';
import { makeUnlockVerifier } from './unlock-verifier';
import { CLEARED, countWrong } from './attempt-count';

export type StaffSessionSettings = {
  /** wrong PINs in a row on one tablet before the number locks on that tablet */
  maxAttempts: number;
  /** wrong PINs for one number on all the branch's tablets together before it locks everywhere */
  maxAttemptsEverywhere?: number;
  lockMinutes: number;
  /** a session lasts a shift */
  sessionHours: number;
  /** wrong offline unlock codes a tablet allows before only the server can unlock it */
  offlineUnlockAttempts?: number;
};
export const DEFAULT_STAFF_SESSION_SETTINGS: StaffSessionSettings = { maxAttempts: 5, maxAttemptsEverywhere: 15, lockMinutes: 15, sessionHours: 8, offlineUnlockAttempts: 5 };

export type StaffSessionDeps = {
  db: Db;
  staff: Pick<StaffRepo, 'findByNumber' | 'signInFailures' | 'lockSignInFailures' | 'setSignInFailures' | 'clearSignInFailures' | 'insertSession' | 'finishPinSetup' | 'holdMember' | 'findSessionByTokenHash' | 'endSession' | 'setLocked' | 'markHeard' | 'countListening'>;
  audit: Pick<AuditRepo, 'append'>;
  events: Pick<EventRepo, 'append'>;
  settings?: StaffSessionSettings;
  now?: () => Date;
};


/**
 * Staff sign in on a tablet with an employee number and a PIN, checked here only: no PIN
 * hash ever leaves the server. An unknown number costs the same scrypt and counts and
 * locks the same as a wrong PIN, so the answers say nothing about which numbers exist.
 * The PIN is checked before the failures rows are locked: scrypt takes ~0.1 s, and on the
 * embedded database a transaction holds the whole database.
 *
 * Wrong PINs count twice: per tablet and number (`maxAttempts` lock that number on that
 * tablet), and per number on every tablet of the branch (`maxAttemptsEverywhere`, which
 * one tablet cannot reach while its own lock holds it back), so a tablet in the wrong
 * hands cannot lock a supervisor out of every tablet. A supervisor or the CLI lifts both.
 */
export function createStaffSessionService({ db, staff, audit, events, settings = DEFAULT_STAFF_SESSION_SETTINGS, now = () => new Date() }: StaffSessionDeps) {
  // Settings given in part (a test's shorter shift) keep the defaults for the rest.
  const limits = { ...DEFAULT_STAFF_SESSION_SETTINGS, ...settings } as Required<StaffSessionSettings>;
  /** One staff action in the audit log, in the transaction that made it. */
  const record = (q: Queryable, device: DeviceRow, action: string, who: { staffId: string | null; employeeNo: string }, subject: string | null = null) =>
    audit.append(q, [{ branchId: device.branchId, deviceId: device.id, occurredAt: now(), staffId: who.staffId, employeeNo: who.employeeNo, action, subject }]);

  // A PIN hash of nothing, to spend an unknown number's scrypt on.
  const decoy = hashPin(randomUUID());

  /** This tablet's count for the number first, then the branch's: always in this order, so two tries never wait on each other crosswise. */
  const scopesOf = (device: DeviceRow, employeeNo: string): [FailureScope, number][] => [
    [{ branchId: device.branchId, employeeNo, deviceId: device.id }, limits.maxAttempts],
    [{ branchId: device.branchId, employeeNo }, limits.maxAttemptsEverywhere],
  ];
  const lockedUntil = (failures: SignInFailures[]): Date | null => {
    const held = failures.map((f) => f.lockedUntil).filter((d): d is Date => d !== null && d > now());
    return held.length ? new Date(Math.max(...held.map((d) => d.getTime()))) : null;
  };

  /** Refuses at once a number locked on this tablet or everywhere (before the PIN is even checked). */
  async function refuseIfLocked(device: DeviceRow, employeeNo: string): Promise<void> {
    const until = lockedUntil(await Promise.all(scopesOf(device, employeeNo).map(([scope]) => staff.signInFailures(db, scope))));
    if (until) throw new SignInLockedError(until);
  }

  /**
   * Locks the counts (in scope order) and, if the number is free, counts a wrong PIN or
   * clears the counts after a right one (attempt-count.ts).
   */
  async function countAttempt(q: Queryable, device: DeviceRow, employeeNo: string, right: boolean): Promise<{ held?: true; locked?: Date; attemptsLeft?: number }> {
    const scopes = scopesOf(device, employeeNo);
    const counts: SignInFailures[] = [];
    for (const [scope] of scopes) counts.push(await staff.lockSignInFailures(q, scope));
    // Locked by a try that came in meanwhile: this one counts nothing, right or not.
    const held = lockedUntil(counts);
    if (held) return { held: true, locked: held };
    let attemptsLeft = Infinity;
    let locked: Date | null = null;
    for (const [i, [scope, max]] of scopes.entries()) {
      if (right) {
        await staff.setSignInFailures(q, scope, CLEARED);
        continue;
      }
      const wrong = countWrong(counts[i]!, max, limits.lockMinutes * 60_000, now());
      await staff.setSignInFailures(q, scope, wrong.next);
      if (wrong.locked) locked = wrong.locked;
      attemptsLeft = Math.min(attemptsLeft, wrong.attemptsLeft);
    }
    if (right) return {};
    return locked ? { locked } : { attemptsLeft };
  }

  const answer = (outcome: { locked?: Date; attemptsLeft?: number }) => {
    if (outcome.locked) throw new SignInLockedError(outcome.locked);
    if (outcome.attemptsLeft !== undefined) throw new WrongPinError(outcome.attemptsLeft);
  };

  return {
    async signIn(device: DeviceRow, input: StaffSignInRequest): Promise<StaffSession> {
      // A key that is no P-256 public key is refused before anything is counted.
      if (input.publicKey !== undefined) parseSessionPublicKey(input.publicKey);
      await refuseIfLocked(device, input.employeeNo);
      const member = await staff.findByNumber(db, device.branchId, input.employeeNo);
      const right = await verifyPin(input.pin, member?.pinHash ?? (await decoy)) && member !== null;
      const token = newToken('oks');
      const sessionId = randomUUID();
      const expiresAt = new Date(now().getTime() + limits.sessionHours * 3600_000);
      // The offline unlock opens this session's lock and nothing else: a code of its own,
      // never the PIN, so what the tablet holds cannot be turned into a sign-in.
      const unlockCode = String(randomInt(0, 10_000)).padStart(4, '0');
      const verifier = right ? await makeUnlockVerifier(unlockCode) : null;
      type Outcome = { locked?: Date; attemptsLeft?: number; deactivated?: true; member?: NonNullable<typeof member> };
      const outcome = await db.tx(async (q): Promise<Outcome> => {
        const who = { staffId: member?.id ?? null, employeeNo: input.employeeNo };
        // The PIN was checked against the row read before scrypt: a reset or deactivation
        // that committed meanwhile is seen here, and one that comes now waits for this.
        const held = member ? await staff.holdMember(q, member.id) : null;
        const stillRight = right && held !== null && held.pinHash === member!.pinHash;
        const counted = await countAttempt(q, device, input.employeeNo, stillRight);
        if (counted.held) {
          await record(q, device, 'sign-in-locked', who);
          return counted;
        }
        if (!stillRight || !member) {
          await record(q, device, 'sign-in-failed', who);
          return counted;
        }
        if (held!.deactivatedAt) {
          await record(q, device, 'sign-in-deactivated', who);
          return { deactivated: true };
        }
        await staff.insertSession(q, { id: sessionId, staffId: member.id, deviceId: device.id, tokenHash: hashToken(token), expiresAt, publicKey: input.publicKey ?? null });
        await record(q, device, 'sign-in', who);
        return { member };
      });
      answer(outcome);
      // The right PIN proves who is asking: telling them why is safe, and saves a call to IT.
      if (outcome.deactivated) throw new ForbiddenError('this employee number is deactivated: ask a supervisor', 'staff-deactivated');
      const m = outcome.member!;
      return {
        sessionId, sessionToken: token, expiresAt: expiresAt.toISOString(),
        staff: { id: m.id, employeeNo: m.employeeNo, name: m.name, role: m.role },
        unlockVerifier: verifier!, unlockCode, offlineUnlockAttempts: limits.offlineUnlockAttempts,
      };
    },

    /**
     * The PIN again, for an open session after the tablet locked itself: the same check,
     * count and lock as signing in (a locked number ends nothing, but unlocks nothing).
     */
    async unlock(device: DeviceRow, session: StaffSessionRow, pin: string): Promise<void> {
      await refuseIfLocked(device, session.employeeNo);
      const member = await staff.findByNumber(db, device.branchId, session.employeeNo);
      const right = member !== null && member.pinHash !== null && !member.deactivatedAt && (await verifyPin(pin, member.pinHash));
      const outcome = await db.tx(async (q) => {
        const counted = await countAttempt(q, device, session.employeeNo, right);
        if (counted.held) return counted;
        await record(q, device, right ? 'unlock' : 'unlock-failed', { staffId: session.staffId, employeeNo: session.employeeNo });
        if (right) await staff.setLocked(q, session.id, null);
        return counted;
      });
      answer(outcome);
    },

    /**
     * The session an `X-Staff-Session` token names, if it is open, unexpired and this
     * tablet's own. A locked one serves only the routes that open or end the lock.
     */
    async authenticate(device: DeviceRow, token: string, options: { whileLocked?: boolean } = {}): Promise<StaffSessionRow> {
      const session = await staff.findSessionByTokenHash(db, hashToken(token));
      if (!session || session.deviceId !== device.id || session.endedAt || session.expiresAt <= now()) {
        throw new UnauthorizedError('no open staff session for this tablet: sign in again');
      }
      if (session.lockedAt && !options.whileLocked) throw new SessionLockedError();
      return session;
    },

    /** The tablet's event stream (each heartbeat) or its polling reached it: its staff member hears the kiosks' calls. */
    async heard(sessionId: string): Promise<void> {
      await staff.markHeard(db, sessionId);
    },

    /**
     * How many signed-in staff of the branch can hear a kiosk's call now: their tablet's
     * stream or polling was heard within three heartbeats (a locked tablet too: it shows
     * and rings the calls). None: the kiosk sends the customer to the desk.
     */
    async listening(branchId: string): Promise<number> {
      return staff.countListening(db, branchId, (3 * HEARTBEAT_MS) / 1000);
    },

    /** The tablet locked itself after 2 minutes untouched: recorded, and the session serves nothing until it opens. */
    async locked(device: DeviceRow, session: StaffSessionRow): Promise<void> {
      await db.tx(async (q) => {
        await staff.setLocked(q, session.id, now());
        await record(q, device, 'lock', { staffId: session.staffId, employeeNo: session.employeeNo });
      });
    },

    /**
     * A person sets their own PIN on a tablet with the one-time code they were given (a
     * new colleague, or a reset): counted and locked like a wrong PIN, so the code cannot
     * be guessed either; the code is spent by its first right use.
     */
    async setPin(device: DeviceRow, input: PinSetupRequest): Promise<PinSetupDone> {
      await refuseIfLocked(device, input.employeeNo);
      const member = await staff.findByNumber(db, device.branchId, input.employeeNo);
      const matches = await verifyPin(input.setupCode, member?.pinSetupHash ?? (await decoy)) && member?.pinSetupHash != null;
      if (matches && member!.pinSetupExpiresAt! <= now()) throw new ConflictError('this code has run out: ask a supervisor for a new one', 'pin-setup-expired');
      if (matches && member!.deactivatedAt) throw new ForbiddenError('this employee number is deactivated: ask a supervisor', 'staff-deactivated');
      const pinHash = matches ? await hashPin(input.newPin) : null;
      const outcome = await db.tx(async (q) => {
        const counted = await countAttempt(q, device, input.employeeNo, matches);
        if (counted.held) return counted;
        const who = { staffId: member?.id ?? null, employeeNo: input.employeeNo };
        if (!matches || !(await staff.finishPinSetup(q, member!.id, member!.pinSetupHash!, pinHash!))) {
          await record(q, device, 'pin-set-failed', who);
          return matches ? { spent: true as const } : counted;
        }
        await record(q, device, 'pin-set', who);
        return {};
      });
      if ('spent' in outcome) throw new ConflictError('this code was used a moment ago: sign in with the new PIN', 'pin-setup-expired');
      if (outcome.locked) throw new SignInLockedError(outcome.locked);
      if (outcome.attemptsLeft !== undefined) throw new WrongSetupCodeError(outcome.attemptsLeft);
      return { employeeNo: input.employeeNo, pinSet: true };
    },

    async signOut(device: DeviceRow, session: StaffSessionRow, endSeq: number | null = null): Promise<void> {
      await db.tx(async (q) => {
        await staff.endSession(q, session.id, endSeq);
        await record(q, device, 'sign-out', { staffId: session.staffId, employeeNo: session.employeeNo });
        await events.append(q, device.branchId, [{ audience: 'device', deviceId: device.id, name: SESSION_ENDED_EVENT, data: { sessionId: session.id } }]);
      });
    },

    /**
     * A supervisor (or the CLI, `by` null) lifts the lock of a number on every tablet of
     * the branch: the staff member signs in again at once. Recorded either way.
     */
    async unlockNumber(target: { branchId: string; employeeNo: string }, by: { device: DeviceRow; session: StaffSessionRow } | null): Promise<NumberUnlocked> {
      const wasLocked = await db.tx(async (q) => {
        const was = await staff.clearSignInFailures(q, target.branchId, target.employeeNo, now());
        await audit.append(q, [{
          branchId: target.branchId, deviceId: by?.device.id ?? null, occurredAt: now(), staffId: by?.session.staffId ?? null,
          employeeNo: by?.session.employeeNo ?? 'cli', action: 'number-unlocked', subject: target.employeeNo,
        }]);
        return was;
      });
      return { employeeNo: target.employeeNo, wasLocked };
    },
  };
}
export type StaffSessionService = ReturnType<typeof createStaffSessionService>;
