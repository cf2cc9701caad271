import type { Db } from '../db/db';
import type { PhoneCheckResult } from '../../shared/protocol/catalogue';
import { phoneLast4Hash } from '../../shared/domain/phone-check';
import { AppError, ForbiddenError, NotFoundError } from '../errors';
import type { PhoneCheckRepo } from '../repositories/phone-check-repo';
import { CLEARED, countWrong } from './attempt-count';

/** Too many wrong phone digits for one order: checked again only after `lockedUntil` (the desk helps meanwhile). */
export class PhoneCheckLockedError extends AppError {
  constructor(lockedUntil: Date) {
    super(`too many wrong phone digits for this order: it can be confirmed this way again after ${lockedUntil.toISOString()}; staff at the desk can help now`, 'locked', 423, undefined, { lockedUntil: lockedUntil.toISOString() });
  }
}

export type PhoneCheckSettings = { maxAttempts: number; lockMinutes: number };
export const DEFAULT_PHONE_CHECK: PhoneCheckSettings = { maxAttempts: 5, lockMinutes: 60 };

/**
 * The last 4 phone digits of an order, checked where the count cannot be reset by
 * starting a new visit or walking to another kiosk: 5 wrong within an hour lock the
 * order's phone check for an hour (a kiosk allows 3 a visit). The right digits clear it.
 */
export function createPhoneCheckService({ db, checks, settings = DEFAULT_PHONE_CHECK, now = () => new Date() }: {
  db: Db; checks: PhoneCheckRepo; settings?: PhoneCheckSettings; now?: () => Date;
}) {
  return {
    async check(device: { branchId: string }, code: string, last4: string): Promise<PhoneCheckResult> {
      const order = await checks.target(db, code);
      if (!order) throw new NotFoundError(`no order ${code}`);
      if (order.branchId !== device.branchId) throw new ForbiddenError('this order belongs to another branch');
      const match = phoneLast4Hash(code, last4) === order.phoneLast4Hash;
      const outcome = await db.tx(async (q) => {
        const before = await checks.lock(q, code);
        if (before.lockedUntil && before.lockedUntil > now()) return { locked: before.lockedUntil };
        if (match) {
          await checks.set(q, code, CLEARED);
          return { result: { match: true, attemptsLeft: settings.maxAttempts } };
        }
        const wrong = countWrong(before, settings.maxAttempts, settings.lockMinutes * 60_000, now());
        await checks.set(q, code, wrong.next);
        return wrong.locked ? { locked: wrong.locked } : { result: { match: false, attemptsLeft: wrong.attemptsLeft } };
      });
      if ('locked' in outcome) throw new PhoneCheckLockedError(outcome.locked!);
      return outcome.result;
    },
  };
}
export type PhoneCheckService = ReturnType<typeof createPhoneCheckService>;
