import type { Queryable } from '../db/db';
import { DAY_BOUNDS, UUID_SQL_RE } from './day-bounds';
import { ValidationError } from '../errors';
import { maskCard } from '../../shared/domain/mask';
import type { DocumentSummary } from '../../shared/protocol/documents';

type Product = { sku: string; nameRu: string; nameEn: string; model: string | null; warrantyMonths: number };

/** What a document was made from, as the server holds it: enough to rebuild the same paper. */
export type DocumentFacts =
  | { kind: 'pickup'; number: string; issuedAt: string; lang: 'ru' | 'en'; orderCode: string; deskMethod: 'cash' | 'card' | null; items: { sku: string; name: string; quantity: number; priceKopecks: number }[]; products: Product[] }
  | {
    kind: 'sale'; number: string; issuedAt: string; lang: 'ru' | 'en'; saleId: string; staffName: string;
    lines: { sku: string; qty: number; priceKopecks: number; serials: string[] }[]; products: Product[];
    payment: { method: 'cash' | 'card'; tenderedKopecks: number | null; changeKopecks: number | null; terminalRef: string | null; cardLast4: string | null };
  }
  | {
    kind: 'passbook'; number: string; issuedAt: string; lang: 'ru' | 'en'; cardNumber: string; shortName: string; linesPerPage: number;
    /** the holder's card now, and its secret's hash: what a supervisor's scan of the customer's card must match for a copy */
    holderCard: string; holderSecretHash: string | null;
    fromLine: number; throughLine: number; page: number; line: number; asOf: string | null; broughtForwardKopecks: number;
    entries: { line: number; postedAt: string; textRu: string; textEn: string; amountKopecks: number }[];
  }
  | {
    kind: 'refund'; number: string; issuedAt: string; lang: 'ru' | 'en'; refundId: string;
    /** the receipt the goods were sold or handed over with; an order's return names its order too */
    saleNumber: string; orderCode: string | null; method: 'cash' | 'card' | 'online'; staffName: string;
    /** `name`: an order's own name of the product, where the catalogue has none */
    lines: { sku: string; qty: number; priceKopecks: number; name: string | null }[]; products: Product[];
  };

const PRODUCTS = `(SELECT coalesce(json_agg(json_build_object('sku', p.sku, 'nameRu', p.name_ru, 'nameEn', p.name_en, 'model', p.model, 'warrantyMonths', p.warranty_months)), '[]')
                   FROM products p WHERE p.sku = ANY(skus))`;

/** Where a page of the documents list ended: the last one's time (to the microsecond) and number, as `next` says it. */
function decodePageKey(text: string): [string, string] {
  try {
    const [at, number] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(at) && typeof number === 'string' && number.length <= 64) return [at, number];
  } catch {
    // named below
  }
  throw new ValidationError('before: not a `next` this server gave; ask again without it', 'before');
}

/** The branch's documents (receipts, refund slips) and their copies. */
export const documentRepo = {
  async list(q: Queryable, branchId: string, filter: { key?: string | undefined; date?: string | undefined; before?: string | undefined; limit?: number }): Promise<{ documents: DocumentSummary[]; next: string | null }> {
    const key = filter.key?.replace(/\s/g, '').toUpperCase() ?? null;
    const limit = filter.limit ?? 200;
    const before = filter.before ? decodePageKey(filter.before) : null;
    const { rows } = await q.query<{ at: string; number: string; kind: DocumentSummary['kind']; issuedAt: Date; device: string; orderCode: string | null; card: string | null; total: string; reprints: number }>(
      `WITH b AS (SELECT id, hash_ipad, hash_opad, ${DAY_BOUNDS} FROM branches WHERE id = $1), docs AS (
         SELECT r.number, r.kind, r.issued_at, r.device_id, r.order_code, NULL::text AS card, r.total_kopecks AS total
         FROM receipts r, b WHERE r.branch_id = b.id AND r.kind <> 'passbook'
           AND (($2::text IS NOT NULL AND (r.number = $2 OR r.order_code = $2))
                OR ($2::text IS NULL AND r.issued_at >= b.day_start AND r.issued_at < b.day_end))
         UNION ALL
         -- A kiosk's passbook continuations: their number is the one printed on them (the
         -- transaction's id for printouts queued before statements had one). The payload names
         -- the card by its keyed hash (by its number, queued by an older kiosk); staff find it
         -- by the card number they type, keyed here with the branch's key.
         SELECT coalesce(t.payload->>'statementNumber', t.id::text), 'passbook', t.occurred_at, t.device_id, NULL,
                coalesce(t.payload->>'cardNumber', (SELECT c.card_number FROM customers c WHERE c.card_hash = t.payload->>'cardHash'),
                         (SELECT x.card_number FROM blocked_cards x WHERE x.card_hash = t.payload->>'cardHash')), 0
         FROM transactions t JOIN devices d ON d.id = t.device_id, b
         WHERE t.kind = 'passbook.printed' AND t.status = 'applied' AND d.branch_id = b.id
           AND (($2::text IS NOT NULL AND (t.id = CASE WHEN $2 ~ ${UUID_SQL_RE} THEN $2::uuid END OR t.payload->>'statementNumber' = $2 OR t.payload->>'cardNumber' = $2
                      OR t.payload->>'cardHash' = okno_keyed_hash(b.hash_ipad, b.hash_opad, encode(sha256(convert_to('okno:card:' || $2, 'UTF8')), 'hex'))))
                OR ($2::text IS NULL AND t.occurred_at >= b.day_start AND t.occurred_at < b.day_end))
       )
       SELECT to_char(docs.issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, docs.number, docs.kind, docs.issued_at AS "issuedAt", d.code AS device, docs.order_code AS "orderCode", docs.card, docs.total,
              (SELECT count(*)::int FROM document_reprints x WHERE x.receipt_number = docs.number) AS reprints
       FROM docs JOIN devices d ON d.id = docs.device_id
       WHERE $4::timestamptz IS NULL OR (docs.issued_at, docs.number) < ($4::timestamptz, $5::text)
       ORDER BY docs.issued_at DESC, docs.number DESC
       LIMIT $6`,
      [branchId, key, filter.date ?? null, before?.[0] ?? null, before?.[1] ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      documents: page.map(({ at: _at, ...r }) => ({ ...r, card: r.card ? maskCard(r.card) : null, issuedAt: r.issuedAt.toISOString(), totalKopecks: Number(r.total) })),
      next: rows.length > limit && last ? Buffer.from(JSON.stringify([last.at, last.number])).toString('base64url') : null,
    };
  },

  /** The facts of one document of the branch, or null when the branch has no such number. */
  async facts(q: Queryable, branchId: string, number: string): Promise<DocumentFacts | null> {
    if (/^[0-9a-f-]{36}$/i.test(number)) return passbookFacts(q, branchId, number.toLowerCase(), number.toLowerCase());
    const { rows } = await q.query<{ kind: 'pickup' | 'sale' | 'refund' | 'passbook'; issuedAt: Date; lang: string | null; txId: string; facts: Record<string, unknown> | null }>(
      `SELECT r.kind, r.issued_at AS "issuedAt", t.payload->>'paperLang' AS lang, r.transaction_id AS "txId",
              CASE r.kind
                WHEN 'passbook' THEN NULL
                WHEN 'pickup' THEN (SELECT json_build_object('orderCode', o.code, 'items', o.items, 'products', ${PRODUCTS},
                                      'deskMethod', (SELECT p.method FROM order_payments p WHERE p.order_code = o.code))
                                    FROM pickup_orders o, LATERAL (SELECT array_agg(i->>'sku') AS skus FROM jsonb_array_elements(o.items) i) x WHERE o.code = r.order_code)
                WHEN 'sale' THEN (SELECT json_build_object('saleId', s.id, 'staffName', st.name, 'lines', t.payload->'lines', 'payment', t.payload->'payment',
                                    'products', ${PRODUCTS})
                                  FROM sales s JOIN staff_sessions ss ON ss.id = s.staff_session_id JOIN staff st ON st.id = ss.staff_id,
                                       LATERAL (SELECT array_agg(l->>'sku') AS skus FROM jsonb_array_elements(t.payload->'lines') l) x
                                  WHERE s.receipt_number = r.number)
                -- A sale's refund or an order's return: the receipt it names is the sale's, or the
                -- order's handover's (by the handover's transaction); each line at the price paid back.
                ELSE (SELECT json_build_object('refundId', f.id, 'method', f.method, 'staffName', st.name, 'orderCode', f.order_code,
                        'saleNumber', coalesce((SELECT s.receipt_number FROM sales s WHERE s.id = f.sale_id),
                                               (SELECT pt.payload->>'receiptNumber' FROM pickup_orders o JOIN transactions pt ON pt.id = o.picked_up_tx WHERE o.code = f.order_code)),
                        'lines', (SELECT json_agg(json_build_object('sku', rl.sku, 'qty', rl.qty, 'priceKopecks', rl.amount_kopecks / rl.qty,
                                    'name', (SELECT min(i->>'name') FROM pickup_orders o, jsonb_array_elements(o.items) i WHERE o.code = f.order_code AND i->>'sku' = rl.sku)) ORDER BY e.n)
                                  FROM jsonb_array_elements(t.payload->'lines') WITH ORDINALITY AS e(line, n)
                                  JOIN refund_lines rl ON rl.refund_id = f.id AND rl.sku = e.line->>'sku'),
                        'products', ${PRODUCTS})
                      FROM refunds f JOIN staff_sessions ss ON ss.id = f.staff_session_id JOIN staff st ON st.id = ss.staff_id,
                           LATERAL (SELECT array_agg(rl.sku) AS skus FROM refund_lines rl WHERE rl.refund_id = f.id) x
                      WHERE f.receipt_number = r.number)
              END AS facts
       FROM receipts r JOIN transactions t ON t.id = r.transaction_id
       WHERE r.branch_id = $1 AND r.number = $2`,
      [branchId, number],
    );
    const row = rows[0];
    if (row?.kind === 'passbook') return passbookFacts(q, branchId, row.txId, number);
    if (!row || !row.facts) return null;
    const base = { number, issuedAt: row.issuedAt.toISOString(), lang: row.lang === 'en' ? 'en' as const : 'ru' as const };
    const f = row.facts;
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    const products = f['products'] as Product[];
    if (row.kind === 'pickup') {
      return { kind: 'pickup', ...base, orderCode: f['orderCode'] as string, deskMethod: (f['deskMethod'] as 'cash' | 'card' | null) ?? null, items: f['items'] as Extract<DocumentFacts, { kind: 'pickup' }>['items'], products };
    }
    if (row.kind === 'sale') {
      const p = f['payment'] as Record<string, unknown>;
      return {
        kind: 'sale', ...base, saleId: f['saleId'] as string, staffName: f['staffName'] as string, products,
        lines: (f['lines'] as { sku: string; qty: number; priceKopecks: unknown; serials?: string[] }[]).map((l) => ({ sku: l.sku, qty: l.qty, priceKopecks: Number(l.priceKopecks), serials: l.serials ?? [] })),
        payment: { method: p['method'] as 'cash' | 'card', tenderedKopecks: num(p['tenderedKopecks']), changeKopecks: num(p['changeKopecks']), terminalRef: (p['terminalRef'] as string | undefined) ?? null, cardLast4: (p['cardLast4'] as string | undefined) ?? null },
      };
    }
    return {
      kind: 'refund', ...base, refundId: f['refundId'] as string, saleNumber: f['saleNumber'] as string, orderCode: (f['orderCode'] as string | null) ?? null,
      method: f['method'] as 'cash' | 'card' | 'online', staffName: f['staffName'] as string, products,
      lines: (f['lines'] as { sku: string; qty: number; priceKopecks: unknown; name: string | null }[]).map((l) => ({ ...l, priceKopecks: Number(l.priceKopecks) })),
    };
  },

  /** The branch that issued a number, or null when none did. */
  async branchOf(q: Queryable, number: string): Promise<string | null> {
    const { rows } = await q.query<{ branchId: string }>(
      `SELECT branch_id AS "branchId" FROM receipts WHERE number = $1
       UNION ALL SELECT d.branch_id FROM transactions t JOIN devices d ON d.id = t.device_id
       WHERE t.kind = 'passbook.printed' AND t.id = CASE WHEN $1 ~ ${UUID_SQL_RE} THEN $1::uuid END`,
      [number],
    );
    return rows[0]?.branchId ?? null;
  },

  /** Which of these numbers the branch issued (a reprint must name one). */
  async issued(q: Queryable, branchId: string, numbers: string[]): Promise<Set<string>> {
    const { rows } = await q.query<{ number: string }>(
      `SELECT number FROM receipts WHERE branch_id = $1 AND number = ANY($2::text[])
       UNION SELECT t.id::text FROM transactions t JOIN devices d ON d.id = t.device_id
       WHERE t.kind = 'passbook.printed' AND t.status = 'applied' AND d.branch_id = $1
         AND t.id = ANY(ARRAY(SELECT n::uuid FROM unnest($2::text[]) n WHERE n ~ ${UUID_SQL_RE}))`,
      [branchId, numbers],
    );
    return new Set(rows.map((r) => r.number));
  },

  /** Which of these numbers a document already carries (a second paper may not reuse one). */
  async usedNumbers(q: Queryable, numbers: string[]): Promise<Set<string>> {
    if (numbers.length === 0) return new Set();
    const { rows } = await q.query<{ number: string }>('SELECT number FROM receipts WHERE number = ANY($1::text[])', [numbers]);
    return new Set(rows.map((r) => r.number));
  },

  /** Passbook printouts' numbers, kept with the receipts (027_passbook_numbers.sql). */
  async insertStatements(q: Queryable, device: { id: string; branchId: string }, rows: { txId: string; number: string; occurredAt: string }[]): Promise<void> {
    if (rows.length === 0) return;
    await q.query(
      `INSERT INTO receipts (number, device_id, branch_id, transaction_id, order_code, total_kopecks, issued_at, kind)
       SELECT v.number, $2, $3, v."txId", NULL, 0, v."occurredAt", 'passbook'
       FROM json_to_recordset($1::json) AS v("txId" uuid, number text, "occurredAt" timestamptz)`,
      [JSON.stringify(rows), device.id, device.branchId],
    );
  },

  async insertReprints(q: Queryable, branchId: string, rows: { txId: string; receiptNumber: string; printedOn: string; staffSessionId: string; at: string }[]): Promise<void> {
    if (rows.length === 0) return;
    await q.query(
      `INSERT INTO document_reprints (transaction_id, branch_id, receipt_number, printed_on, staff_session_id, reprinted_at)
       SELECT v."txId", $2, v."receiptNumber", v."printedOn", v."staffSessionId", v.at
       FROM json_to_recordset($1::json) AS v("txId" uuid, "receiptNumber" text, "printedOn" text, "staffSessionId" uuid, at timestamptz)`,
      [JSON.stringify(rows), branchId],
    );
  },
};
export type DocumentRepo = typeof documentRepo;

/**
 * A passbook printout's facts, under the number it is known by (printed on it, or its
 * transaction's id when it had none): its transaction, the card it was printed for, the book's
 * lines it printed and the balance before them (the card may have been replaced since:
 * then it names the old card, blocked, by its hash or number).
 */
async function passbookFacts(q: Queryable, branchId: string, txId: string, number: string): Promise<DocumentFacts | null> {
  const { rows } = await q.query<{
    occurredAt: Date; payload: { fromLine: number; throughLine: number; page: number; line: number; paperLang?: string; asOf?: string };
    cardNumber: string; shortName: string; linesPerPage: number; brought: string | null; holderCard: string; holderSecretHash: string | null;
    entries: { line: number; postedAt: string; textRu: string; textEn: string; amountKopecks: number }[] | null;
  }>(
    `SELECT t.occurred_at AS "occurredAt", t.payload, coalesce(x.card_number, c.card_number) AS "cardNumber", c.short_name AS "shortName", c.lines_per_page AS "linesPerPage",
            c.card_number AS "holderCard", c.scan_secret_hash AS "holderSecretHash",
            (SELECT e.balance_kopecks FROM ledger_entries e WHERE e.customer_id = c.id AND e.line_no = (t.payload->>'fromLine')::int - 1) AS brought,
            (SELECT json_agg(json_build_object('line', e.line_no, 'postedAt', e.posted_at, 'textRu', e.text_ru, 'textEn', e.text_en, 'amountKopecks', e.amount_kopecks) ORDER BY e.line_no)
               FROM ledger_entries e WHERE e.customer_id = c.id AND e.line_no BETWEEN (t.payload->>'fromLine')::int AND (t.payload->>'throughLine')::int) AS entries
     FROM transactions t JOIN devices d ON d.id = t.device_id
     LEFT JOIN blocked_cards x ON x.card_number = t.payload->>'cardNumber' OR x.card_hash = t.payload->>'cardHash'
     JOIN customers c ON c.id = x.customer_id OR c.card_number = t.payload->>'cardNumber' OR c.card_hash = t.payload->>'cardHash'
     WHERE t.id = $2::uuid AND t.kind = 'passbook.printed' AND t.status = 'applied' AND d.branch_id = $1`,
    [branchId, txId],
  );
  const row = rows[0];
  if (!row) return null;
  const p = row.payload;
  return {
    kind: 'passbook', number, issuedAt: row.occurredAt.toISOString(), lang: p.paperLang === 'en' ? 'en' : 'ru', cardNumber: row.cardNumber,
    shortName: row.shortName, linesPerPage: row.linesPerPage, holderCard: row.holderCard, holderSecretHash: row.holderSecretHash, fromLine: p.fromLine, throughLine: p.throughLine, page: p.page, line: p.line,
    asOf: p.asOf ?? null, broughtForwardKopecks: Number(row.brought ?? 0),
    entries: (row.entries ?? []).map((e) => ({ ...e, postedAt: new Date(e.postedAt).toISOString(), amountKopecks: Number(e.amountKopecks) })),
  };
}
