import Dexie, { type EntityTable } from 'dexie';
import type { PassbookHolding } from '../../shared/protocol/passbook';
import type { BranchInfo, DeviceRole, HandoverRecord, Order, Product, RejectReason, SaleRecord, TypedTransaction } from '../../shared/protocol';
import type { PaperDocument } from '../../shared/documents';

/**
 * A queued transaction: exactly the envelope the server receives, plus when it was
 * queued. One member per kind, so a payload is always its kind's (shared/protocol/transactions).
 */
export type OutboxRow = TypedTransaction & {
  id: string;
  seq: number;
  /** the server's time as this device knew it (sync/clock.ts): what every rule compares */
  occurredAt: string;
  /** the device's own clock at that moment, for whoever wonders why a time looks off */
  deviceTime?: string;
  /** a staff-authored transaction's proof, by the staff session's own key (staff/session-key.ts) */
  signature?: string;
  /** when it was queued, by the corrected clock */
  queuedAt: number;
  /**
   * The server answered "deferred": it does not know this kind yet (it is a release behind
   * this device). Kept, sent again from `retryAt` on; the rest of the queue goes around it.
   */
  waitingForServer?: { retryAt: number };
};

/**
 * A transaction the server acknowledged (applied, or a duplicate of one it had), kept for
 * a while (the server's keepSettledDays, 7 by default): if the server is restored to an
 * earlier point and has lost it, the device pushes it again (sync/restore.ts).
 */
export type SettledRow = OutboxRow & { settledAt: number };

/**
 * A transaction the server refused for a business reason: kept for staff, out of the
 * queue. `refreshed` turns true once what it touched has been re-read from the server,
 * which is retried every sync round until it succeeds. ('malformed': rows an earlier
 * version quarantined when the server refused a whole batch; none are made now.)
 */
export type QuarantineRow = OutboxRow & {
  reason: RejectReason | 'malformed';
  detail?: string;
  quarantinedAt: number;
  refreshed?: boolean;
  /** when the device learned that a supervisor resolved it (resolved-rejections.ts) */
  resolvedAt?: number;
};

/**
 * A card holder's book as the kiosk holds it. `printProblem`: the last printout did not
 * come out whole (paper out, a crash mid-job): the mark stayed, and the next print of
 * those lines says КОПИЯ.
 */
export type PassbookRow = PassbookHolding & {
  printProblem?: 'paper-out' | 'cover-open' | 'offline' | 'maybe-printed' | 'failed';
  /** the number taken from the kiosk's document series for the next printout, before it printed: a retry after paper out prints the same number, so the series has no gap */
  statementNumber?: string;
};

/** A handover's paper: the receipt and its warranty slips, kept so a reprint is identical. */
export type ReceiptRow = {
  number: string; orderCode?: string; createdAt: number; document: PaperDocument; warranties: PaperDocument[];
  /** the printer did not confirm it (paper out, a job cut short): reported for staff to print a КОПИЯ */
  printProblem?: 'paper-out' | 'cover-open' | 'offline' | 'maybe-printed' | 'failed';
};

/** Device identity and counters; one row each, keyed by name. */
/** `token` is absent when the host keeps it in the OS keychain (identity-store.ts). */
/** `role` is absent on devices enrolled before roles were kept: they are kiosks. */
export type DeviceIdentity = { deviceId: string; deviceCode: string; branchCode: string; role?: DeviceRole; token?: string };
export type Settings = {
  identity: DeviceIdentity;
  /** the next outbox seq and receipt counter: allocated in the transaction that uses them */
  counters: { seq: number; receipt: number };
  pullCursor: string;
  branch: BranchInfo;
  lastSyncAt: number;
  /** a tablet's copy of the back office's shoppers' words, for its catalogue search offline */
  shopperWords: Record<string, string>;
  /** a kiosk's last copies printed for staff (document.print), so a reload's replay prints none twice */
  printedCopies: string[];
  /** the server's OKNO_PASSBOOK_FULL_LINES, kept for printing offline */
  passbookFullLines: number;
  /** when picked-up orders and old paper were last purged (retention.ts) */
  lastPurgeAt: number;
  /** how far the server's clock is ahead of this device's, as last learned (sync/clock.ts) */
  clock: { offsetMs: number; roundTripMs: number; learnedAt: number };
  /** a tablet's staff sessions open in this browser profile, ended by a staff.signedOut when the page comes back without them */
  openStaffSessions: string[];
  /** the branch's key for card and phone-digit hashes, non-extractable (hashing/keyed-hash.ts) */
  hashKey: CryptoKey;
};
export type SettingRow = { [K in keyof Settings]: { key: K; value: Settings[K] } }[keyof Settings];

/** Opened with strict durability: a committed pickup survives a power cut, not only a crash. */
export class KioskDb extends Dexie {
  orders!: EntityTable<Order, 'code'>;
  products!: EntityTable<Product, 'sku'>;
  outbox!: EntityTable<OutboxRow, 'id'>;
  quarantine!: EntityTable<QuarantineRow, 'id'>;
  /** what the server acknowledged, kept a week: pushed again after a restore of the server */
  settled!: EntityTable<SettledRow, 'id'>;
  receipts!: EntityTable<ReceiptRow, 'number'>;
  /** a kiosk's card holders of its branch (the card's hash, never its number): passbooks print offline */
  passbooks!: EntityTable<PassbookRow, 'cardHash'>;
  /** a tablet's sales (its own, and those it looked up for a refund): refunds work offline */
  sales!: EntityTable<SaleRecord, 'saleId'>;
  /** a tablet's handed-over orders it looked up for a return, with what came back: returns work offline too */
  handovers!: EntityTable<HandoverRecord, 'orderCode'>;
  settings!: EntityTable<SettingRow, 'key'>;

  constructor(name = 'okno-kiosk', options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}) {
    super(name, { chromeTransactionDurability: 'strict', ...options });
    this.version(1).stores({
      orders: 'code, status',
      products: 'sku, ean13',
      outbox: 'id, &seq',
      quarantine: 'id, seq',
      receipts: 'number, orderCode',
      settings: 'key',
    });
    this.version(2).stores({ sales: 'saleId, &receiptNumber' });
    // The last day's receipts, for the status report's documents that may not have printed.
    this.version(3).stores({ receipts: 'number, orderCode, createdAt' });
    this.version(4).stores({ passbooks: 'cardHash' });
    // Card and phone-digit hashes are keyed with the branch's key (hashing/keyed-hash.ts).
    // What an older version kept that a stolen disk would give away goes: the books, held
    // under unkeyed hashes (the next pull sends them again, keyed); the pull cursor, which
    // named a card by its number (without it the next pull starts over, and sends the
    // orders' phone-digit hashes keyed too); and the card number in a quarantined
    // passbook.printed or customer.preferences (those rows are never sent again; the
    // server keeps the original for staff). Queued rows stay as they are: the server
    // still accepts them, and a changed payload would be an id-conflict if it had one.
    this.version(5).stores({}).upgrade(async (tx) => {
      await tx.table('passbooks').clear();
      await tx.table('settings').delete('pullCursor');
      await tx.table('quarantine').toCollection()
        .filter((row: { kind: string }) => row.kind === 'passbook.printed' || row.kind === 'customer.preferences')
        .modify((row: { payload: Record<string, unknown> }) => { delete row.payload.cardNumber; });
    });
    // Returns of handed-over orders (order.returned): the orders a tablet looked up, as it found them.
    this.version(6).stores({ handovers: 'orderCode, &receiptNumber' });
    // Acknowledged transactions, kept a week for a server restored to an earlier point.
    this.version(7).stores({ settled: 'id, seq, settledAt' });
  }

  async getSetting<K extends keyof Settings>(key: K): Promise<Settings[K] | undefined> {
    const row = await this.settings.get(key);
    return row?.value as Settings[K] | undefined;
  }

  async putSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
    await this.settings.put({ key, value } as SettingRow);
  }
}
