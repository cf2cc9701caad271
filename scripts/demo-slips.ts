import { correction, generate } from 'lean-qr';
import { toSvgSource } from 'lean-qr/extras/svg';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatOrderCode } from '../shared/domain/order-code';
import { formatScanCode } from '../shared/domain/scan-code';
import { formatCardCode } from '../shared/domain/card-code';
import type { DemoCustomer, DemoOrder } from '../server/seed/demo-data';

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * The demo's order slips as one HTML page in the data folder: each with the order code
 * in digits (what the SMS shows) and its QR code (the code and the order's secret), the
 * way a shop's slip would be; then the demo's passbook cards, each with its number in
 * digits and its barcode (the number and the card's secret). Under each code, its text:
 * typed on a keyboard it reads as a scan, where no scanner is at hand. Returns the file's path.
 */
export function writeDemoSlips(dataDir: string, orders: DemoOrder[], cards: DemoCustomer[] = []): string {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'demo-order-slips.html');
  const slips = orders.map((o) => {
    const qr = generate(formatScanCode(o.code, o.scanSecret), { minCorrectionLevel: correction.M });
    return `<figure><div>${toSvgSource(qr, { pad: 4, width: 200, height: 200, xmlDeclaration: false })}</div>
  <figcaption><b>${formatOrderCode(o.code)}</b><br>${escape(o.input.paid ? 'оплачен / paid' : 'к оплате / to pay')} · телефон …${o.phoneLast4}<br><code>${escape(formatScanCode(o.code, o.scanSecret))}</code></figcaption></figure>`;
  });
  const cardFigures = cards.map((c) => {
    const qr = generate(formatCardCode(c.cardNumber, c.scanSecret), { minCorrectionLevel: correction.M });
    return `<figure><div>${toSvgSource(qr, { pad: 4, width: 200, height: 200, xmlDeclaration: false })}</div>
  <figcaption><b>${c.cardNumber}</b><br>карта сберкнижки / passbook card<br><code>${escape(formatCardCode(c.cardNumber, c.scanSecret))}</code></figcaption></figure>`;
  });
  writeFileSync(file, `<!doctype html><meta charset="utf-8"><title>okno demo order slips</title>
<style>body{font:16px sans-serif;display:flex;flex-wrap:wrap;gap:24px;padding:16px}figure{margin:0;width:200px}svg{width:200px;height:200px}</style>
<h1 style="width:100%">Демо-заказы «Электроника на Садовой» — QR для сканера / demo order slips</h1>
${slips.join('\n')}
${cards.length > 0 ? `<h1 style="width:100%">Демо-карты сберкнижек / demo passbook cards</h1>\n${cardFigures.join('\n')}` : ''}
`);
  return file;
}
