import { useEffect, useRef, useState } from 'react';
import { shortName } from '../../../shared/domain/mask';
import { formatMoney } from '../../../shared/domain/money';
import { messages } from '../../../shared/i18n';
import type { PaperDocument } from '../../../shared/documents/model';
import type { Product } from '../../../shared/protocol/catalogue';
import type { KioskList } from '../../../shared/protocol/confirmation';
import type { TabletSession } from '../use-staff-session';
import type { SalePayment } from '../../../shared/protocol/transactions/sale';
import { useServices } from '../../app/services';
import { createScanDetector, scanKey } from '../../input/scan-detector';
import { uuidv7 } from '../../db/uuid7';
import type { LiveEvents } from '../../sync/live-events';
import { sell, type SaleOutcome } from './sell';
import type { PrintProblem } from '../../bridge/host-bridge';
import { printProblemText } from '../../kiosk/print-problem';
import { createCatalogueSearch, type CatalogueSearch } from '../catalogue-search';
import { PaymentEntry } from '../PaymentEntry';
import { useStaffText } from '../staff-lang';
import { addProduct, addSerial, cartProblem, cartTotal, EMPTY_CART, lineTotal, removeSerial, setQty, type Cart } from './cart';
import { SerialEntry } from './SerialEntry';
import { CustomerView } from './CustomerView';
import { PassbookCard } from './PassbookCard';

type Stage = 'cart' | 'customer' | 'kiosk' | 'pay' | 'done';

/**
 * Assisted checkout (flow B) on the tablet: a cart filled by scanning (the keyboard-wedge
 * scanner types the code and Enter into the search field: an exact EAN-13 or SKU goes
 * straight in) or by searching the cached catalogue; serial numbers for the units that
 * have them; the customer confirms in large type; the payment; the sale recorded and
 * printed (flows/sell.ts). Works offline: the catalogue is the tablet's cache and the sale
 * goes through the outbox.
 */
export function CheckoutPanel({ session, live, active }: { session: TabletSession; live: LiveEvents; active: boolean }) {
  const { t, lang } = useStaffText();
  const services = useServices();
  const [catalogue, setCatalogue] = useState<CatalogueSearch | null>(null);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Product[] | null>(null);
  const [note, setNote] = useState('');
  const [cart, setCart] = useState<Cart>(EMPTY_CART);
  const [stage, setStage] = useState<Stage>('cart');
  // No method chosen until the staff member chooses one with the customer: a new sale never starts as "cash".
  const [method, setMethod] = useState<'cash' | 'card' | null>(null);
  const [customerCard, setCustomerCard] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<SaleOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [kiosks, setKiosks] = useState<KioskList['kiosks']>([]);
  const [shownOn, setShownOn] = useState<{ kiosk: string; confirmationId: string } | null>(null);
  const [printedAt, setPrintedAt] = useState<{ kiosk: string; confirmationId: string; outcome: string | null } | null>(null);
  const confirmedOn: 'tablet' | 'kiosk' = shownOn ? 'kiosk' : 'tablet';
  const shownOnRef = useRef(shownOn);
  shownOnRef.current = shownOn;

  // The branch's kiosks, to show the cart on one (online; offline the tablet shows it itself).
  useEffect(() => {
    void services.identity.get().then((id) => id && services.api.kiosks(id.token, session.sessionToken)).then((list) => list && setKiosks(list.kiosks)).catch(() => undefined);
  }, [services, session.sessionToken]);
  // How the kiosk's printer did with the sale's paper.
  useEffect(() => live.subscribe((event) => {
    if (event.name !== 'cart.printed') return;
    setPrintedAt((at) => (at && at.confirmationId === event.data['confirmationId'] ? { ...at, outcome: String(event.data['outcome']) } : at));
  }), [live]);
  // The customer's answer at the kiosk.
  useEffect(() => live.subscribe((event) => {
    if (event.name !== 'cart.answered' || event.data['confirmationId'] !== shownOnRef.current?.confirmationId) return;
    const answer = String(event.data['answer']);
    if (answer === 'confirmed') setStage('pay');
    else { setShownOn(null); setStage('cart'); setNote(t.saleKioskAnswer(answer)); }
  }), [live, t]);
  async function showOnKiosk(kiosk: string) {
    const confirmationId = uuidv7();
    setShownOn({ kiosk, confirmationId });
    setStage('kiosk');
    setNote('');
    const id = await services.identity.get();
    const sent = id ? await services.api.sendConfirmation(id.token, session.sessionToken, {
      confirmationId, kiosk, lang, totalKopecks: cartTotal(cart), lines: cart.lines.map((l) => ({ name: l.name, qty: l.qty, priceKopecks: l.priceKopecks })),
    }).then(() => true, () => false) : false;
    if (!sent) { setShownOn(null); setStage('cart'); setNote(t.saleKioskAnswer('failed')); }
  }

  // The index is built from the tablet's cached catalogue when the panel opens, with the
  // back office's shoppers' words (fetched now, or the copy kept from the last time).
  useEffect(() => {
    void (async () => {
      const id = await services.identity.get();
      const fresh = id ? await services.api.shopperWords(id.token).then((r) => r.words, () => null) : null;
      if (fresh) await services.db.putSetting('shopperWords', fresh);
      const words = fresh ?? (await services.db.getSetting('shopperWords')) ?? {};
      setCatalogue(createCatalogueSearch(await services.db.products.toArray(), words));
    })();
  }, [services]);
  const nameOf = (p: Product) => (lang === 'ru' ? p.nameRu : p.nameEn);

  function add(product: Product) {
    setCart((c) => addProduct(c, product, nameOf(product)));
    setQuery('');
    setFound(null);
    setNote('');
  }
  function find() {
    if (!catalogue) return;
    const exact = catalogue.byCode(query);
    if (exact) return add(exact);
    if (/^\d{13}$/.test(query.trim())) { setFound(null); setNote(t.saleBadCode); return; }
    const results = catalogue.search(query);
    setFound(results);
    setNote(results.length === 0 ? t.saleNothing : '');
  }

  // A scan anywhere on the sale's screen (focus on no field: after a tap on a button, say)
  // is a product's code; in a field, the field takes it (the search, a serial number).
  const onScan = useRef((code: string) => { void code; });
  onScan.current = (code: string) => {
    const exact = catalogue?.byCode(code);
    if (exact) add(exact);
    else setNote(t.saleBadCode);
  };
  useEffect(() => {
    if (!active || stage !== 'cart') return;
    const detector = createScanDetector();
    function onKey(event: KeyboardEvent) {
      if (event.target instanceof HTMLInputElement) return;
      const scanned = detector.key(scanKey(event.code) ?? event.key, event.timeStamp);
      if (scanned === null) return;
      event.preventDefault();
      onScan.current(scanned);
    }
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [active, stage]);

  async function record(payment: SalePayment) {
    if (busy) return;
    setBusy(true);
    // Confirmed on a kiosk: the paper prints there, next to the customer; if it cannot be
    // sent (the server went away), here.
    const kiosk = shownOn;
    const printer = kiosk ? {
      print: async (documents: PaperDocument[]) => {
        const id = await services.identity.get();
        const sent = id ? await services.api.printAtKiosk(id.token, session.sessionToken, kiosk.confirmationId, documents).then(() => true, () => false) : false;
        setPrintedAt(sent ? { kiosk: kiosk.kiosk, confirmationId: kiosk.confirmationId, outcome: null } : null);
        return sent ? { ok: true as const } : services.host.print(documents);
      },
    } : services.host;
    const result = await sell({ changes: services.changes, host: printer }, { cart, payment, confirmedOn, customerCard, staffSessionId: session.sessionId, staffName: shortName(session.staff.name), lang });
    setBusy(false);
    setOutcome(result);
    if (result.ok) setStage('done');
  }
  function next() {
    setShownOn(null);
    setPrintedAt(null);
    setCart(EMPTY_CART);
    setCustomerCard(null);
    setOutcome(null);
    setMethod(null);
    setStage('cart');
  }

  const total = cartTotal(cart);
  const problem = cartProblem(cart);
  const lines = cart.lines;
  // The cart as it stands: editable while building it, read-only beside the payment.
  const cartBlock = (
    <>
      {lines.length === 0 ? <p>{t.saleCartEmpty}</p> : (
        <ul className="tablet-list" data-testid="cart">
          {lines.map((l) => (
            <li key={l.sku} className="tablet-call" data-testid="cart-line" data-sku={l.sku}>
              <p className="tablet-big">{l.name}</p>
              <p>{t.saleLine(l.qty, formatMoney(l.priceKopecks, lang), formatMoney(lineTotal(l), lang))}</p>
              {stage === 'cart' && (
                <div className="tablet-row">
                  <button type="button" className="tablet-button" data-testid="qty-less" onClick={() => setCart((c) => setQty(c, l.sku, l.qty - 1))}>{l.qty === 1 ? t.saleRemove : t.saleLess}</button>
                  <button type="button" className="tablet-button" data-testid="qty-more" onClick={() => setCart((c) => setQty(c, l.sku, l.qty + 1))}>{t.saleMore}</button>
                </div>
              )}
              {l.serialRequired && <SerialEntry line={l} editable={stage === 'cart'} onAdd={(serial) => { const r = addSerial(cart, l.sku, serial); if (r.ok) setCart(r.cart); return r; }}
                onRemove={(serial) => setCart((c) => removeSerial(c, l.sku, serial))} />}
            </li>
          ))}
        </ul>
      )}
      <p className="tablet-change" data-testid="sale-total">{t.saleTotal(formatMoney(total, lang))}</p>
    </>
  );
  return (
    <section className="tablet-panel" aria-labelledby="sale-title" data-testid="checkout" data-stage={stage}>
      <h1 id="sale-title" className="tablet-title">{t.saleTitle}</h1>
      {stage === 'customer' && <CustomerView cart={cart} onConfirm={() => setStage('pay')} onCancel={() => setStage('cart')} />}
      {stage === 'done' && outcome?.ok && (
        <div data-testid="sale-done" data-receipt={outcome.receipt.number}>
          <p className="tablet-big">{t.saleDone(outcome.receipt.number)}</p>
          {outcome.printProblem && <p className="tablet-note" role="alert">{printProblemText(messages(lang), outcome.printProblem)}</p>}
          {printedAt && (
            <p data-testid="sale-printed-at" data-outcome={printedAt.outcome ?? 'pending'} role="status">
              {printedAt.outcome === null ? t.salePrinting(printedAt.kiosk)
                : printedAt.outcome === 'ok' ? t.salePrinted(printedAt.kiosk)
                : printProblemText(messages(lang), printedAt.outcome as PrintProblem)}
            </p>
          )}
          {printedAt?.outcome && printedAt.outcome !== 'ok' && (
            <button type="button" className="tablet-button" data-testid="sale-print-here"
              onClick={() => void services.host.print([outcome.receipt.document, ...outcome.receipt.warranties])}>{t.salePrintHere}</button>
          )}
          <button type="button" className="tablet-button tablet-primary" data-testid="sale-next" onClick={next}>{t.saleNext}</button>
        </div>
      )}
      {stage === 'cart' && (
        <form className="tablet-row" onSubmit={(e) => { e.preventDefault(); find(); }}>
          <label htmlFor="sale-search" className="visually-hidden">{t.saleSearch}</label>
          <input id="sale-search" className="tablet-field tablet-grow" autoComplete="off" placeholder={t.saleSearch} value={query} data-testid="sale-search"
            onChange={(e) => setQuery(e.target.value)} />
          <button type="submit" className="tablet-button" data-testid="sale-find">{t.saleFind}</button>
        </form>
      )}
      {stage === 'cart' && <p className="tablet-note" role="status" data-testid="sale-note">{note}</p>}
      {stage === 'cart' && found && found.length > 0 && (
        <ul className="tablet-list" data-testid="sale-results">
          {found.slice(0, 8).map((p) => (
            <li key={p.sku} className="tablet-row tablet-result" data-testid="sale-result" data-sku={p.sku}>
              <span className="tablet-grow">{nameOf(p)} — {formatMoney(p.priceKopecks, lang)}</span>
              <button type="button" className="tablet-button" data-testid="sale-add" onClick={() => add(p)}>{t.saleAdd}</button>
            </li>
          ))}
        </ul>
      )}
      {stage === 'cart' && cartBlock}
      {stage === 'cart' && (
        <div className="tablet-row">
          {problem === 'serials' && <p className="tablet-note" data-testid="sale-needs-serials">{t.saleNeedsSerials}</p>}
          <button type="button" className="tablet-button" data-testid="sale-clear" disabled={lines.length === 0} onClick={() => setCart(EMPTY_CART)}>{t.saleClear}</button>
          <button type="button" className="tablet-button tablet-primary" data-testid="sale-show" disabled={problem !== null} onClick={() => setStage('customer')}>{t.saleShow}: {t.saleShowHere}</button>
          {kiosks.map((k) => (
            <button key={k.code} type="button" className="tablet-button" data-testid="sale-show-kiosk" data-kiosk={k.code} disabled={problem !== null}
              onClick={() => void showOnKiosk(k.code)}>{t.saleShowOnKiosk(k.code, k.place)}</button>
          ))}
        </div>
      )}
      {stage === 'kiosk' && shownOn && (
        <div className="tablet-row" data-testid="sale-kiosk-waiting">
          <p className="tablet-big" role="status">{t.saleKioskWaiting(shownOn.kiosk)}</p>
          <button type="button" className="tablet-button" data-testid="sale-kiosk-stop" onClick={() => { setShownOn(null); setStage('cart'); }}>{t.saleKioskStop}</button>
        </div>
      )}
      {stage === 'pay' && (
        // Paying: the goods on the left, the payment on the right, so the whole step fits the tablet's 800 px.
        <div className="tablet-columns">
          <div className="tablet-column">{cartBlock}</div>
          <div className="tablet-column">
            <div data-testid="sale-pay">
              <h2>{t.payTitle}</h2>
              <p>{t.payConfirmed}</p>
              <div className="tablet-row" role="radiogroup" aria-label={t.payTitle}>
                <button type="button" className={`tablet-button${method === 'cash' ? ' tablet-primary' : ''}`} role="radio" aria-checked={method === 'cash'} data-testid="sale-cash" onClick={() => setMethod('cash')}>{t.payCash}</button>
                <button type="button" className={`tablet-button${method === 'card' ? ' tablet-primary' : ''}`} role="radio" aria-checked={method === 'card'} data-testid="sale-card" onClick={() => setMethod('card')}>{t.payCard}</button>
              </div>
              <PassbookCard card={customerCard} onCard={setCustomerCard} />
              {method && <PaymentEntry key={method} totalKopecks={total} method={method} cardLast4 submitLabel={t.payRecord} onSubmit={(p) => void record(p)} onBack={() => setMethod(null)} />}
              {outcome && !outcome.ok && <p className="tablet-note" role="alert" data-testid="sale-failed">{t.saleFailed}</p>}
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
