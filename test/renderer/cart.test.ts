import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addProduct, addSerial, cartProblem, cartTotal, changeFor, EMPTY_CART, removeSerial, saleLines, setQty, type Cart } from '../../renderer/staff/checkout/cart';
import { SaleCompletedPayload, saleTotal, type Product } from '../../shared/protocol';

const product = (i: number, priceKopecks: number, serialRequired = false): Product => ({
  sku: `SKU-${i}`, ean13: '4600000000000', nameRu: `Товар ${i}`, nameEn: `Product ${i}`, model: null as unknown as undefined,
  priceKopecks, warrantyMonths: serialRequired ? 12 : 0, serialRequired, updatedAt: '2026-11-30T00:00:00.000Z',
});

type Step = { kind: 'add'; i: number } | { kind: 'qty'; i: number; qty: number } | { kind: 'serial'; i: number; serial: string } | { kind: 'unserial'; i: number; serial: string };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), i: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant('qty' as const), i: fc.integer({ min: 0, max: 5 }), qty: fc.integer({ min: -1, max: 1200 }) }),
  fc.record({ kind: fc.constant('serial' as const), i: fc.integer({ min: 0, max: 5 }), serial: fc.constantFrom('A1', 'a1', 'B2', ' C3 ', '', 'D4') }),
  fc.record({ kind: fc.constant('unserial' as const), i: fc.integer({ min: 0, max: 5 }), serial: fc.constantFrom('A1', 'B2', 'C3') }),
);
const prices = fc.array(fc.integer({ min: 0, max: 50_000_000 }), { minLength: 6, maxLength: 6 });

function play(steps: Step[], priceList: number[]): Cart {
  const products = priceList.map((p, i) => product(i, p, i % 2 === 0));
  let cart = EMPTY_CART;
  for (const s of steps) {
    const p = products[s.i]!;
    if (s.kind === 'add') cart = addProduct(cart, p, p.nameRu);
    else if (s.kind === 'qty') cart = setQty(cart, p.sku, s.qty);
    else if (s.kind === 'serial') { const r = addSerial(cart, p.sku, s.serial); if (r.ok) cart = r.cart; }
    else cart = removeSerial(cart, p.sku, s.serial);
  }
  return cart;
}

/** The tablet's cart and payment arithmetic, in kopecks, for any sequence of taps. */
describe('the cart', () => {
  it('its total is always the exact sum of price × quantity, the same the server checks the payment against', () => {
    fc.assert(fc.property(fc.array(step, { maxLength: 60 }), prices, (steps, priceList) => {
      const cart = play(steps, priceList);
      const total = cartTotal(cart);
      expect(Number.isSafeInteger(total)).toBe(true);
      expect(total).toBe(cart.lines.reduce((sum, l) => sum + l.priceKopecks * l.qty, 0));
      expect(saleTotal(saleLines(cart))).toBe(total);
    }));
  });

  it('never holds a serial number twice, nor more serials than units; quantities stay 1–999', () => {
    fc.assert(fc.property(fc.array(step, { maxLength: 60 }), prices, (steps, priceList) => {
      const cart = play(steps, priceList);
      const serials = cart.lines.flatMap((l) => l.serials);
      expect(new Set(serials).size).toBe(serials.length);
      for (const l of cart.lines) {
        expect(l.serials.length).toBeLessThanOrEqual(l.qty);
        expect(l.qty).toBeGreaterThanOrEqual(1);
        expect(l.qty).toBeLessThanOrEqual(999);
      }
    }));
  });

  it('a cart that may be shown to the customer makes a sale the server’s schema accepts', () => {
    fc.assert(fc.property(fc.array(step, { maxLength: 60 }), prices, (steps, priceList) => {
      const cart = play(steps, priceList);
      if (cartProblem(cart) !== null) return;
      const total = cartTotal(cart);
      const parsed = SaleCompletedPayload.safeParse({
        saleId: '01900000-0000-7000-8000-000000000001', receiptNumber: 'MSK1-T01-000001', lines: saleLines(cart),
        payment: { method: 'cash', amountKopecks: total, tenderedKopecks: total + 1000, changeKopecks: 1000 }, confirmedOn: 'tablet',
        staffSessionId: '01900000-0000-7000-8000-000000000002',
      });
      expect(parsed.success).toBe(true);
    }));
  });

  it('says what is missing: an empty cart, a unit without its serial number; a serial once, in capitals', () => {
    const tv = product(0, 4_999_000, true);
    let cart = addProduct(addProduct(EMPTY_CART, tv, 'ТВ'), tv, 'ТВ');
    expect(cartProblem(EMPTY_CART)).toBe('empty');
    expect(cartProblem(cart)).toBe('serials');
    const first = addSerial(cart, tv.sku, ' sn-1 ');
    expect(first.ok).toBe(true);
    cart = (first as { cart: Cart }).cart;
    expect(addSerial(cart, tv.sku, 'SN-1')).toEqual({ ok: false, code: 'duplicate' });
    expect(addSerial(cart, tv.sku, '  ')).toEqual({ ok: false, code: 'empty' });
    cart = (addSerial(cart, tv.sku, 'SN-2') as { cart: Cart }).cart;
    expect(addSerial(cart, tv.sku, 'SN-3')).toEqual({ ok: false, code: 'all-units' });
    expect(cartProblem(cart)).toBeNull();
    expect(cart.lines[0]!.serials).toEqual(['SN-1', 'SN-2']);
    expect(setQty(cart, tv.sku, 1).lines[0]!.serials).toEqual(['SN-1']);
    const kettle = product(1, 199_000);
    expect(addSerial(addProduct(EMPTY_CART, kettle, 'Чайник'), kettle.sku, 'X1')).toEqual({ ok: false, code: 'no-serials' });
  });

  it('cash: change is tendered less the total, never negative', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 11 }), fc.integer({ min: 0, max: 10 ** 11 }), (total, tendered) => {
      const change = changeFor(total, tendered);
      if (tendered < total) expect(change).toBeNull();
      else expect(change! + total).toBe(tendered);
    }));
    expect(changeFor(100, null)).toBeNull();
  });
});
