import Dexie, { type Table } from 'dexie';
import { formatReceiptNumber } from '../../shared/domain/receipt-number';
import { staffSessionOf, type PayloadMap, type TransactionKind } from '../../shared/protocol';
import { staffProofMessage } from '../../shared/domain/staff-proof';
import { cleanPayload } from '../../shared/protocol/safe-input';
import type { KioskDb, OutboxRow } from './kiosk-db';
import { uuidv7 } from './uuid7';

/** What a local change may do inside its transaction: queue transactions, take receipt numbers. */
export type ChangeScope = {
  /** the time of the change: its transactions' occurredAt and its documents' date */
  readonly now: Date;
  enqueue<K extends TransactionKind>(kind: K, payload: PayloadMap[K]): Promise<OutboxRow>;
  /** the device's next gapless receipt number, e.g. MSK1-K01-000042 */
  nextReceiptNumber(): string;
};

/** Signs a staff-authored transaction with its session's key (hashing/staff-proof.ts); null: no key for that session here. */
export type StaffSigner = (sessionId: string, message: string) => Promise<string | null>;

/** The clock a change is stamped with: the server's time as the device knows it, and the device's own. */
export type ChangeClock = { now(): Date; deviceTime(): Date };

/** A staff transaction for a session whose key this tablet no longer holds: the staff member signs in again. */
export class NoStaffKeyError extends Error {
  override name = 'NoStaffKeyError';
}

/** A scope was used after its transaction ended, or inside another transaction: a bug. */
export class OutsideUnitOfWorkError extends Error {
  override name = 'OutsideUnitOfWorkError';
}

/**
 * The one way a device changes local state that must reach the server. `run` opens a
 * strict-durability Dexie transaction over the given tables plus the outbox and the
 * settings, reads the counters once, lets `work` write its change and queue its
 * transactions, stores the counters once, and commits.
 *
 * Invariant: the change and its outbox rows commit together or not at all. Only after
 * the transaction's `complete` (when `run`'s transaction promise resolves) is
 * `afterCommit` called, which wakes the sync loop and tells other windows; never a
 * fetch or other async work inside the transaction (Dexie would commit it early).
 */
export class LocalChanges {
  constructor(
    readonly db: KioskDb,
    private readonly afterCommit: (queued: OutboxRow[]) => void = () => {},
    private readonly clock: ChangeClock = { now: () => new Date(), deviceTime: () => new Date() },
    /** none: staff transactions are queued unsigned (tests of the device alone); main.tsx always gives one */
    private readonly signer: StaffSigner | null = null,
  ) {}

  /** The server's time as this device knows it: what a change is stamped with. */
  now(): Date {
    return this.clock.now();
  }

  async run<T>(tables: Table[], work: (scope: ChangeScope) => Promise<T>, now = this.clock.now()): Promise<T> {
    const deviceTime = new Date(this.clock.deviceTime().getTime() + (now.getTime() - this.clock.now().getTime())).toISOString();
    const signer = this.signer;
    // Inside another transaction Dexie would nest this one, and "after commit" would come
    // before the outer transaction had committed.
    if (Dexie.currentTransaction) throw new OutsideUnitOfWorkError('a local change must run in its own transaction, not inside another');
    const { db } = this;
    const { value, queued } = await db.transaction('rw', [...tables, db.outbox, db.settings], async (tx) => {
      const counters = (await db.getSetting('counters')) ?? { seq: 1, receipt: 1 };
      const identity = await db.getSetting('identity');
      const next = { ...counters };
      const queued: OutboxRow[] = [];
      let open = true;
      const inside = (what: string) => {
        if (!open || Dexie.currentTransaction !== tx) throw new OutsideUnitOfWorkError(`${what} outside its local change`);
      };
      const scope: ChangeScope = {
        now,
        async enqueue(kind, payload) {
          inside('enqueue');
          // Typed text cut in the middle of an emoji, or pasted with invisible characters,
          // is made safe here: the server refuses it, and the device would lose the work.
          const row = { id: uuidv7(now.getTime()), seq: next.seq++, kind, occurredAt: now.toISOString(), deviceTime, payload: cleanPayload(payload), queuedAt: now.getTime() } as OutboxRow;
          const sessionId = staffSessionOf(row);
          if (sessionId !== null && signer) {
            // WebCrypto is not IndexedDB: waitFor keeps the transaction open while it signs.
            const signature = await Dexie.waitFor(signer(sessionId, staffProofMessage(row)));
            if (signature === null) throw new NoStaffKeyError('this staff session’s key is gone from the tablet: sign in again');
            row.signature = signature;
          }
          await db.outbox.add(row);
          queued.push(row);
          return row;
        },
        nextReceiptNumber() {
          inside('nextReceiptNumber');
          if (!identity) throw new Error('the device is not enrolled: it has no receipt prefix');
          return formatReceiptNumber(identity.deviceCode, next.receipt++);
        },
      };
      const value = await work(scope);
      open = false;
      if (next.seq !== counters.seq || next.receipt !== counters.receipt) await db.putSetting('counters', next);
      return { value, queued };
    });
    if (queued.length > 0) this.afterCommit(queued);
    return value;
  }
}

/**
 * A replacement device goes on with the series of the one it replaces (the enrolment
 * says where they stand): its next seq and document number come after them, never
 * before what this device had already counted itself.
 */
export async function resumeSeries(db: KioskDb, resume: { lastSeq: number; lastDocumentNumber: number }): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const counters = (await db.getSetting('counters')) ?? { seq: 1, receipt: 1 };
    await db.putSetting('counters', { seq: Math.max(counters.seq, resume.lastSeq + 1), receipt: Math.max(counters.receipt, resume.lastDocumentNumber + 1) });
  });
}
