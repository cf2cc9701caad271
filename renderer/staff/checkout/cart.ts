import { addKopecks, multiplyKopecks, type Kopecks } from '../../../shared/domain/money';
import type { Product } from '../../../shared/protocol/catalogue';
import type { SaleLine } from '../../../shared/protocol/transactions/sale';

/** One product in the cart: its price from the catalogue, and a serial number per unit where it has them. */
export type CartLine = {
  sku: string; name: string; model: string | null; priceKopecks: Kopecks; qty: number;
  serialRequired: boolean; warrantyMonths: number; serials: string[];
};
export type Cart = { lines: CartLine[] };
export const EMPTY_CART: Cart = { lines: [] };
export const MAX_QTY = 999;

/** The product once more: a new line, or one more unit of its line. */
export function addProduct(cart: Cart, product: Product, name: string): Cart {
  const line = cart.lines.find((l) => l.sku === product.sku);
  if (line) return setQty(cart, product.sku, line.qty + 1);
  return {
    lines: [...cart.lines, {
      sku: product.sku, name, model: product.model ?? null, priceKopecks: product.priceKopecks, qty: 1,
      serialRequired: product.serialRequired, warrantyMonths: product.warrantyMonths, serials: [],
    }],
  };
}

/** A quantity from 1 to 999; 0 takes the line out. Fewer units keep their first serial numbers. */
export function setQty(cart: Cart, sku: string, qty: number): Cart {
  if (!Number.isInteger(qty) || qty < 0) return cart;
  if (qty === 0) return { lines: cart.lines.filter((l) => l.sku !== sku) };
  const capped = Math.min(qty, MAX_QTY);
  return { lines: cart.lines.map((l) => (l.sku === sku ? { ...l, qty: capped, serials: l.serials.slice(0, capped) } : l)) };
}

export type SerialOutcome = { ok: true; cart: Cart } | { ok: false; code: 'empty' | 'duplicate' | 'all-units' | 'no-serials' };

/**
 * A unit's serial number (scanned or typed), for a product the catalogue says has them:
 * never the same twice in a sale, never more than the units.
 */
export function addSerial(cart: Cart, sku: string, text: string): SerialOutcome {
  const serial = text.trim().toUpperCase();
  if (serial === '') return { ok: false, code: 'empty' };
  if (cart.lines.some((l) => l.serials.includes(serial))) return { ok: false, code: 'duplicate' };
  const line = cart.lines.find((l) => l.sku === sku);
  if (!line?.serialRequired) return { ok: false, code: 'no-serials' };
  if (line.serials.length >= line.qty) return { ok: false, code: 'all-units' };
  return { ok: true, cart: { lines: cart.lines.map((l) => (l === line ? { ...l, serials: [...l.serials, serial] } : l)) } };
}

export function removeSerial(cart: Cart, sku: string, serial: string): Cart {
  return { lines: cart.lines.map((l) => (l.sku === sku ? { ...l, serials: l.serials.filter((s) => s !== serial) } : l)) };
}

export function lineTotal(line: Pick<CartLine, 'priceKopecks' | 'qty'>): Kopecks {
  return multiplyKopecks(line.priceKopecks, line.qty);
}

export function cartTotal(cart: Cart): Kopecks {
  return addKopecks(0, ...cart.lines.map(lineTotal));
}

/** What keeps the cart from being shown to the customer: nothing in it, or units still without serial numbers. */
export function cartProblem(cart: Cart): 'empty' | 'serials' | null {
  if (cart.lines.length === 0) return 'empty';
  if (cart.lines.some((l) => l.serialRequired && l.serials.length !== l.qty)) return 'serials';
  return null;
}

/** The sale's lines as `sale.completed` carries them. */
export function saleLines(cart: Cart): SaleLine[] {
  return cart.lines.map((l) => ({ sku: l.sku, qty: l.qty, priceKopecks: l.priceKopecks, ...(l.serials.length > 0 ? { serials: l.serials } : {}) }));
}

/** Cash: the change for what was handed over, or null while it is not enough (or not money). */
export function changeFor(totalKopecks: Kopecks, tenderedKopecks: Kopecks | null): Kopecks | null {
  if (tenderedKopecks === null || tenderedKopecks < totalKopecks) return null;
  return tenderedKopecks - totalKopecks;
}
