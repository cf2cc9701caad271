import type { Queryable } from '../db/db';
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
    kind: 'refund'; number: string; issuedAt: string; lang: 'ru' | 'en'; refundId: string; saleNumber: string; method: 'cash' | 'card'; staffName: string;
    lines: { sku: string; qty: number; priceKopecks: number }[]; products: Product[];
  };

const PRODUCTS = `(SELECT coalesce(json_agg(json_build_object('sku', p.sku, 'nameRu', p.name_ru, 'nameEn', p.name_en, 'model', p.model, 'warrantyMonths', p.warranty_months)), '[]')
                   FROM products p WHERE p.sku = ANY(skus))`;

/** The branch's documents (receipts, refund slips) and their copies. */
export const documentRepo = {
  async list(q: Queryable, branchId: string, filter: { key?: string | undefined; date?: string | undefined }): Promise<DocumentSummary[]> {
    const key = filter.key?.replace(/\s/g, '').toUpperCase() ?? null;
    const { rows } = await q.query<{ number: string; kind: DocumentSummary['kind']; issuedAt: Date; device: string; orderCode: string | null; total: string; reprints: number }>(
      `SELECT r.number, r.kind, r.issued_at AS "issuedAt", d.code AS device, r.order_code AS "orderCode", r.total_kopecks AS total,
              (SELECT count(*)::int FROM document_reprints x WHERE x.receipt_number = r.number) AS reprints
       FROM receipts r JOIN devices d ON d.id = r.device_id JOIN branches b ON b.id = r.branch_id
       WHERE r.branch_id = $1
         AND CASE WHEN $2::text IS NOT NULL THEN r.number = $2 OR r.order_code = $2
                  ELSE (r.issued_at AT TIME ZONE b.time_zone)::date = coalesce($3::date, (now() AT TIME ZONE b.time_zone)::date) END
       ORDER BY r.issued_at DESC, r.number DESC
       LIMIT 200`,
      [branchId, key, filter.date ?? null],
    );
    return rows.map((r) => ({ ...r, issuedAt: r.issuedAt.toISOString(), totalKopecks: Number(r.total) }));
  },

  /** The facts of one document of the branch, or null when the branch has no such number. */
  async facts(q: Queryable, branchId: string, number: string): Promise<DocumentFacts | null> {
    const { rows } = await q.query<{ kind: 'pickup' | 'sale' | 'refund'; issuedAt: Date; lang: string | null; facts: Record<string, unknown> }>(
      `SELECT r.kind, r.issued_at AS "issuedAt", t.payload->>'paperLang' AS lang,
              CASE r.kind
                WHEN 'pickup' THEN (SELECT json_build_object('orderCode', o.code, 'items', o.items, 'products', ${PRODUCTS},
                                      'deskMethod', (SELECT p.method FROM order_payments p WHERE p.order_code = o.code))
                                    FROM pickup_orders o, LATERAL (SELECT array_agg(i->>'sku') AS skus FROM jsonb_array_elements(o.items) i) x WHERE o.code = r.order_code)
                WHEN 'sale' THEN (SELECT json_build_object('saleId', s.id, 'staffName', st.name, 'lines', t.payload->'lines', 'payment', t.payload->'payment',
                                    'products', ${PRODUCTS})
                                  FROM sales s JOIN staff_sessions ss ON ss.id = s.staff_session_id JOIN staff st ON st.id = ss.staff_id,
                                       LATERAL (SELECT array_agg(l->>'sku') AS skus FROM jsonb_array_elements(t.payload->'lines') l) x
                                  WHERE s.receipt_number = r.number)
                ELSE (SELECT json_build_object('refundId', f.id, 'saleNumber', s.receipt_number, 'method', f.method, 'staffName', st.name,
                        'lines', (SELECT json_agg(json_build_object('sku', sl.sku, 'qty', (e.line->>'qty')::int, 'priceKopecks', sl.price_kopecks) ORDER BY e.n)
                                  FROM jsonb_array_elements(t.payload->'lines') WITH ORDINALITY AS e(line, n)
                                  JOIN sale_lines sl ON sl.sale_id = f.sale_id AND sl.sku = e.line->>'sku'),
                        'products', ${PRODUCTS})
                      FROM refunds f JOIN sales s ON s.id = f.sale_id JOIN staff_sessions ss ON ss.id = f.staff_session_id JOIN staff st ON st.id = ss.staff_id,
                           LATERAL (SELECT array_agg(rl.sku) AS skus FROM refund_lines rl WHERE rl.refund_id = f.id) x
                      WHERE f.receipt_number = r.number)
              END AS facts
       FROM receipts r JOIN transactions t ON t.id = r.transaction_id
       WHERE r.branch_id = $1 AND r.number = $2`,
      [branchId, number],
    );
    const row = rows[0];
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
      kind: 'refund', ...base, refundId: f['refundId'] as string, saleNumber: f['saleNumber'] as string, method: f['method'] as 'cash' | 'card', staffName: f['staffName'] as string, products,
      lines: (f['lines'] as { sku: string; qty: number; priceKopecks: unknown }[]).map((l) => ({ ...l, priceKopecks: Number(l.priceKopecks) })),
    };
  },

  /** The branch that issued a number, or null when none did. */
  async branchOf(q: Queryable, number: string): Promise<string | null> {
    const { rows } = await q.query<{ branchId: string }>('SELECT branch_id AS "branchId" FROM receipts WHERE number = $1', [number]);
    return rows[0]?.branchId ?? null;
  },

  /** Which of these numbers the branch issued (a reprint must name one). */
  async issued(q: Queryable, branchId: string, numbers: string[]): Promise<Set<string>> {
    const { rows } = await q.query<{ number: string }>('SELECT number FROM receipts WHERE branch_id = $1 AND number = ANY($2::text[])', [branchId, numbers]);
    return new Set(rows.map((r) => r.number));
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
