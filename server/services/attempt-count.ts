/** A count of wrong tries (PINs, phone digits) and the lock it leads to. */
export type AttemptCount = { failedAttempts: number; lockedUntil: Date | null; lastFailedAt: Date | null };

/**
 * One more wrong try: the count after it (a count whose last wrong try is older than the
 * lock's length starts again: wrong tries spread over a day are typos, not a guess), and
 * the lock once it reaches `max` (then the count starts again too). Used by the staff
 * sign-in lockouts and the phone-digit check, so both count alike.
 */
export function countWrong(before: AttemptCount, max: number, lockMs: number, now: Date): { next: AttemptCount; attemptsLeft: number; locked: Date | null } {
  const fresh = before.lastFailedAt !== null && now.getTime() - before.lastFailedAt.getTime() < lockMs;
  const attempts = (fresh ? before.failedAttempts : 0) + 1;
  const locked = attempts >= max ? new Date(now.getTime() + lockMs) : null;
  return { next: { failedAttempts: locked ? 0 : attempts, lockedUntil: locked, lastFailedAt: now }, attemptsLeft: max - attempts, locked };
}

/** A right try: the count cleared. */
export const CLEARED: AttemptCount = { failedAttempts: 0, lockedUntil: null, lastFailedAt: null };
