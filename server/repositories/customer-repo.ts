import type { Queryable } from '../db/db';
import type { PassbookHolding } from '../../shared/protocol/passbook';

/** A line for a card holder's book, named by the card (a sale or refund knows only that). */
export type LedgerAppend = { cardNumber: string; postedAt: string; textRu: string; textEn: string; amountKopecks: number };

/** A card holder's book as the passbook needs it, locked. `cardHash`: the card keyed with its branch's key (024_branch_hash_key.sql). */
export type LockedBook = { id: string; branchId: string; cardNumber: string; cardHash: string; lastLine: number; printedThrough: number; secretHash: string | null };

export type LedgerLineInput = { id: string; postedAt: Date | string; textRu: string; textEn: string; amountKopecks: number };

/** Passbook customers and their ledger lines (the passbook issue builds on these). */
export const customerRepo = {
  async insert(q: Queryable, c: { id: string; branchId: string; shortName: string; cardNumber: string; secretHash?: string }): Promise<void> {
    await q.query('INSERT INTO customers (id, branch_id, short_name, card_number, scan_secret_hash) VALUES ($1, $2, $3, $4, $5)', [c.id, c.branchId, c.shortName, c.cardNumber, c.secretHash ?? null]);
  },

  /** Appends lines in order with their running balance, starting from line 1 and a zero balance. */
  async insertLedger(q: Queryable, customerId: string, lines: LedgerLineInput[]): Promise<void> {
    let balance = 0;
    for (const [i, line] of lines.entries()) {
      balance += line.amountKopecks;
      await q.query(
        `INSERT INTO ledger_entries (id, customer_id, line_no, posted_at, text_ru, text_en, amount_kopecks, balance_kopecks)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [line.id, customerId, i + 1, line.postedAt, line.textRu, line.textEn, line.amountKopecks, balance],
      );
    }
  },

  /**
   * Appends lines to the ledgers of the branch's card holders, after the lines each already
   * has, in the order given, with their running balance. The customers are locked first, in
   * a fixed order, and the last lines read by a statement that starts after the lock: two
   * pushes that both add to one book then number their lines one after the other (under
   * READ COMMITTED a statement that waited for a lock still reads its old snapshot). Lines
   * for a card no customer of the branch has are left out (the sale carries a flag).
   */
  async appendLedger(q: Queryable, branchId: string, lines: LedgerAppend[]): Promise<void> {
    if (lines.length === 0) return;
    const cards = [...new Set(lines.map((l) => l.cardNumber))];
    await q.query('SELECT id FROM customers WHERE branch_id = $1 AND card_number = ANY($2::text[]) ORDER BY id FOR UPDATE', [branchId, cards]);
    await q.query(
      `WITH v AS (
         SELECT x.*, c.id AS customer_id FROM json_to_recordset($2::json) AS x("cardNumber" text, "postedAt" timestamptz, "textRu" text, "textEn" text, "amountKopecks" bigint, ord bigint)
         JOIN customers c ON c.card_number = x."cardNumber" AND c.branch_id = $1
       ), last AS (
         SELECT DISTINCT ON (e.customer_id) e.customer_id, e.line_no, e.balance_kopecks FROM ledger_entries e
         WHERE e.customer_id IN (SELECT customer_id FROM v) ORDER BY e.customer_id, e.line_no DESC
       )
       INSERT INTO ledger_entries (id, customer_id, line_no, posted_at, text_ru, text_en, amount_kopecks, balance_kopecks)
       SELECT gen_random_uuid(), v.customer_id,
              coalesce(last.line_no, 0) + row_number() OVER w,
              v."postedAt", v."textRu", v."textEn", v."amountKopecks",
              coalesce(last.balance_kopecks, 0) + sum(v."amountKopecks") OVER w
       FROM v LEFT JOIN last ON last.customer_id = v.customer_id
       WINDOW w AS (PARTITION BY v.customer_id ORDER BY v.ord ROWS UNBOUNDED PRECEDING)`,
      [branchId, JSON.stringify(lines.map((line, ord) => ({ ...line, ord })))],
    );
  },

  /** The back office's card holder: made, or its name and book type changed (the book itself stays). */
  async upsert(q: Queryable, c: { id: string; branchId: string; cardNumber: string; shortName: string; linesPerPage: number | null; secretHash: string | null }): Promise<boolean> {
    const { rows } = await q.query<{ created: boolean }>(
      `INSERT INTO customers (id, branch_id, short_name, card_number, lines_per_page, scan_secret_hash) VALUES ($1, $2, $3, $4, coalesce($5, 24), $6)
       ON CONFLICT (card_number) DO UPDATE SET branch_id = $2, short_name = $3, lines_per_page = coalesce($5, customers.lines_per_page),
         scan_secret_hash = coalesce($6, customers.scan_secret_hash), updated_at = now()
       RETURNING (xmax = 0) AS created`,
      [c.id, c.branchId, c.shortName, c.cardNumber, c.linesPerPage, c.secretHash],
    );
    return rows[0]!.created;
  },

  /**
   * Locks the books of these cards in a fixed order, then reads them (two statements: see
   * appendLedger). A card is named by its number (the back office, a tablet, a kiosk's
   * transaction queued before the keyed hash) or by its keyed hash (a kiosk's): the map
   * holds each book under both, one object, so what a caller changes on it the next
   * transaction of the batch sees whichever way it names the card. Cards of every branch:
   * the caller tells another branch's apart (a hash is keyed with one branch's key, so
   * another branch's kiosk finds nothing by it).
   */
  async lockBooks(q: Queryable, cards: string[]): Promise<Map<string, LockedBook>> {
    if (cards.length === 0) return new Map();
    await q.query('SELECT id FROM customers WHERE card_number = ANY($1::text[]) OR card_hash = ANY($1::text[]) ORDER BY id FOR UPDATE', [cards]);
    const { rows } = await q.query<LockedBook>(
      `SELECT c.id::text, c.branch_id AS "branchId", c.card_number AS "cardNumber", c.card_hash AS "cardHash", c.printed_through AS "printedThrough", c.scan_secret_hash AS "secretHash",
              coalesce((SELECT max(line_no) FROM ledger_entries e WHERE e.customer_id = c.id), 0) AS "lastLine"
       FROM customers c WHERE c.card_number = ANY($1::text[]) OR c.card_hash = ANY($1::text[])`,
      [cards],
    );
    return new Map(rows.flatMap((r) => [[r.cardNumber, r], [r.cardHash, r]]));
  },

  /** Which of these entry ids the book has, with what they say (the same id sent again must say the same). */
  async knownEntries(q: Queryable, customerId: string, ids: string[]): Promise<Map<string, { postedAt: string; textRu: string; textEn: string; amountKopecks: number }>> {
    const { rows } = await q.query<{ id: string; postedAt: Date; textRu: string; textEn: string; amount: string }>(
      `SELECT id::text, posted_at AS "postedAt", text_ru AS "textRu", text_en AS "textEn", amount_kopecks AS amount
       FROM ledger_entries WHERE customer_id = $1 AND id = ANY($2::uuid[])`,
      [customerId, ids],
    );
    return new Map(rows.map((r) => [r.id, { postedAt: r.postedAt.toISOString(), textRu: r.textRu, textEn: r.textEn, amountKopecks: Number(r.amount) }]));
  },

  /** Lines with the back office's ids, after the book's last line, with running balances; the book's last line and balance after. */
  async appendEntries(q: Queryable, customerId: string, lines: LedgerLineInput[]): Promise<{ lastLine: number; balanceKopecks: number }> {
    if (lines.length > 0) {
      await q.query(
        `WITH v AS (SELECT * FROM json_to_recordset($2::json) AS v(id uuid, "postedAt" timestamptz, "textRu" text, "textEn" text, "amountKopecks" bigint, ord int)),
         last AS (SELECT line_no, balance_kopecks FROM ledger_entries WHERE customer_id = $1 ORDER BY line_no DESC LIMIT 1)
         INSERT INTO ledger_entries (id, customer_id, line_no, posted_at, text_ru, text_en, amount_kopecks, balance_kopecks)
         SELECT v.id, $1, coalesce((SELECT line_no FROM last), 0) + row_number() OVER w, v."postedAt", v."textRu", v."textEn", v."amountKopecks",
                coalesce((SELECT balance_kopecks FROM last), 0) + sum(v."amountKopecks") OVER w
         FROM v WINDOW w AS (ORDER BY v.ord ROWS UNBOUNDED PRECEDING)`,
        [customerId, JSON.stringify(lines.map((line, ord) => ({ ...line, ord })))],
      );
    }
    const { rows } = await q.query<{ lastLine: number; balance: string }>(
      'SELECT coalesce(max(line_no), 0) AS "lastLine", coalesce((SELECT balance_kopecks FROM ledger_entries WHERE customer_id = $1 ORDER BY line_no DESC LIMIT 1), 0) AS balance FROM ledger_entries WHERE customer_id = $1',
      [customerId],
    );
    return { lastLine: rows[0]!.lastLine, balanceKopecks: Number(rows[0]!.balance) };
  },

  /** Moves books' marks forward: the last line on paper and its page and line in the book. */
  async markPrinted(q: Queryable, marks: { customerId: string; through: number; page: number; line: number }[]): Promise<void> {
    if (marks.length === 0) return;
    await q.query(
      `UPDATE customers c SET printed_through = v.through, printed_page = v.page, printed_line = v.line, updated_at = now()
       FROM json_to_recordset($1::json) AS v("customerId" uuid, through int, page int, line int)
       WHERE c.id = v."customerId" AND v.through > c.printed_through`,
      [JSON.stringify(marks)],
    );
  },

  async insertOverlaps(q: Queryable, deviceId: string, rows: { txId: string; customerId: string; fromLine: number; throughLine: number; before: number; occurredAt: string }[]): Promise<void> {
    if (rows.length === 0) return;
    await q.query(
      `INSERT INTO passbook_overlaps (transaction_id, customer_id, device_id, from_line, through_line, printed_through_before, occurred_at)
       SELECT v."txId", v."customerId", $2, v."fromLine", v."throughLine", v.before, v."occurredAt"
       FROM json_to_recordset($1::json) AS v("txId" uuid, "customerId" uuid, "fromLine" int, "throughLine" int, before int, "occurredAt" timestamptz)`,
      [JSON.stringify(rows), deviceId],
    );
  },

  /**
   * A kiosk's pull: the branch's card holders changed after `after` (by change_xid, then
   * the card's keyed hash: a cursor names no card number), each with every line after its
   * mark: the kiosk's printout brings forward the mark's balance and adds these lines to
   * it, so a holding cut short would print a wrong balance carried forward. A page stops before the holder whose lines would take it past
   * `lineBudget` (always at least one holder): a few long books page, they are never cut.
   * `more`: holders are left for the next page. Paged like orders (pull-service.ts), before the `horizon`.
   */
  async pullPage(q: Queryable, branchId: string, after: [string, string], limit: number, lineBudget: number, horizon: string): Promise<{ holdings: (PassbookHolding & { xid: string })[]; more: boolean }> {
    const { rows } = await q.query<{
      xid: string; cardHash: string; secretHash: string | null; shortName: string; linesPerPage: number; through: number; page: number; line: number;
      fits: boolean; balance: string | null; entries: { line: number; postedAt: string; textRu: string; textEn: string; amountKopecks: number }[] | null;
      preferences: PassbookHolding['preferences']; blocked: string[] | null;
    }>(
      `WITH candidates AS (
         SELECT c.*, greatest(coalesce((SELECT max(e.line_no) FROM ledger_entries e WHERE e.customer_id = c.id), 0) - c.printed_through, 0) AS pending
         FROM customers c
         WHERE c.branch_id = $1 AND (c.change_xid, c.card_hash) > ($2::xid8, $3) AND c.change_xid < $6::xid8
         ORDER BY c.change_xid, c.card_hash LIMIT $4
       ), page AS (
         -- the lines of this holder and every one before it on the page
         SELECT *, row_number() OVER w = 1 OR sum(pending) OVER w <= $5 AS fits FROM candidates WINDOW w AS (ORDER BY change_xid, card_hash)
       )
       SELECT c.change_xid::text AS xid, c.card_hash AS "cardHash", c.scan_secret_hash AS "secretHash", c.short_name AS "shortName",
              c.lines_per_page AS "linesPerPage", c.printed_through AS through, c.printed_page AS page, c.printed_line AS line, c.preferences, c.fits,
              (SELECT array_agg(b.card_hash) FROM blocked_cards b WHERE b.customer_id = c.id) AS blocked,
              (SELECT e.balance_kopecks FROM ledger_entries e WHERE e.customer_id = c.id AND e.line_no = c.printed_through) AS balance,
              CASE WHEN c.fits THEN (SELECT json_agg(json_build_object('line', e.line_no, 'postedAt', e.posted_at, 'textRu', e.text_ru, 'textEn', e.text_en, 'amountKopecks', e.amount_kopecks) ORDER BY e.line_no)
                 FROM ledger_entries e WHERE e.customer_id = c.id AND e.line_no > c.printed_through) END AS entries
       FROM page c
       ORDER BY c.change_xid, c.card_hash`,
      [branchId, after[0], after[1], limit + 1, lineBudget, horizon],
    );
    const fitting = rows.filter((r) => r.fits);
    const asOf = new Date().toISOString();
    const holdings = fitting.slice(0, limit).map((r) => ({
      xid: r.xid, cardHash: r.cardHash, secretHash: r.secretHash, shortName: r.shortName, linesPerPage: r.linesPerPage,
      mark: { through: r.through, page: r.page, line: r.line, balanceKopecks: Number(r.balance ?? 0) },
      entries: (r.entries ?? []).map((e) => ({ ...e, postedAt: new Date(e.postedAt).toISOString(), amountKopecks: Number(e.amountKopecks) })),
      asOf, preferences: r.preferences ?? null, blockedCardHashes: r.blocked ?? [],
    }));
    return { holdings, more: rows.length > holdings.length };
  },

  /** A holder's remembered settings and consent, or (null) their erasure; a word said earlier than the one stored changes nothing. */
  async setPreferences(q: Queryable, rows: { customerId: string; preferences: unknown; consentedAt: string | null; consentVersion: string | null; at: string }[]): Promise<void> {
    if (rows.length === 0) return;
    await q.query(
      `UPDATE customers c SET preferences = v.preferences, consented_at = v."consentedAt", consent_version = v."consentVersion", preferences_at = v.at, updated_at = now()
       FROM json_to_recordset($1::json) AS v("customerId" uuid, preferences jsonb, "consentedAt" timestamptz, "consentVersion" text, at timestamptz)
       WHERE c.id = v."customerId" AND (c.preferences_at IS NULL OR v.at >= c.preferences_at)`,
      [JSON.stringify(rows)],
    );
  },

  /** Which of these card numbers are taken: a holder's card now, or a blocked one (a card is issued once). */
  async cardsInUse(q: Queryable, cards: string[]): Promise<Set<string>> {
    if (cards.length === 0) return new Set();
    const { rows } = await q.query<{ card: string }>(
      `SELECT card_number AS card FROM customers WHERE card_number = ANY($1::text[])
       UNION SELECT card_number FROM blocked_cards WHERE card_number = ANY($1::text[])`,
      [cards],
    );
    return new Set(rows.map((r) => r.card));
  },

  async existingIds(q: Queryable, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const { rows } = await q.query<{ id: string }>('SELECT id::text FROM customers WHERE id = ANY($1::uuid[])', [ids]);
    return new Set(rows.map((r) => r.id));
  },

  /** New card holders issued at the branch, with their consent to keep the ledger. */
  async enrol(q: Queryable, branchId: string, rows: { id: string; cardNumber: string; secretHash: string; shortName: string; consentAt: string; consentVersion: string }[]): Promise<void> {
    if (rows.length === 0) return;
    await q.query(
      `INSERT INTO customers (id, branch_id, short_name, card_number, scan_secret_hash, ledger_consent_at, ledger_consent_version)
       SELECT v.id, $2, v."shortName", v."cardNumber", v."secretHash", v."consentAt", v."consentVersion"
       FROM json_to_recordset($1::json) AS v(id uuid, "shortName" text, "cardNumber" text, "secretHash" text, "consentAt" timestamptz, "consentVersion" text)`,
      [JSON.stringify(rows), branchId],
    );
  },

  /** A lost card blocked, and its holder's book moved onto the new card (mark and lines stay). */
  async replaceCard(q: Queryable, row: { customerId: string; oldCard: string; newCard: string; secretHash: string; shortName: string; at: string }): Promise<void> {
    await q.query('INSERT INTO blocked_cards (card_number, customer_id, blocked_at) VALUES ($1, $2, $3)', [row.oldCard, row.customerId, row.at]);
    await q.query('UPDATE customers SET card_number = $2, scan_secret_hash = $3, short_name = $4, updated_at = now() WHERE id = $1',
      [row.customerId, row.newCard, row.secretHash, row.shortName]);
  },
};
export type CustomerRepo = typeof customerRepo;
