/**
 * npm run bench:staff-proof — what the proof of a staff transaction costs (issue 20):
 *  - the server: building the canonical message and verifying one ECDSA P-256 signature,
 *    per staff transaction of a push (a sale of 10 lines);
 *  - the tablet: signing one as its outbox does, with a non-extractable WebCrypto key
 *    (Node's WebCrypto here; Chromium's is the same BoringSSL arithmetic).
 * Kiosk pickups carry no signature and pay nothing.
 */
import { createPublicKey, randomUUID } from 'node:crypto';
import { staffProofMessage, STAFF_PROOF_ALGORITHM, STAFF_PROOF_SIGN } from '../shared/domain/staff-proof';
import { verifyStaffProof } from '../server/services/staff-key';
import { percentile } from './load';

const ROUNDS = 3_000;
const pair = await crypto.subtle.generateKey(STAFF_PROOF_ALGORITHM, false, ['sign', 'verify']);
const spki = Buffer.from(await crypto.subtle.exportKey('spki', pair.publicKey)).toString('base64');
const key = createPublicKey({ key: Buffer.from(spki, 'base64'), format: 'der', type: 'spki' });
const sale = {
  id: randomUUID(), seq: 4711, kind: 'sale.completed', occurredAt: new Date().toISOString(),
  payload: {
    saleId: randomUUID(), receiptNumber: 'MSK1-T01-004711', confirmedOn: 'tablet', staffSessionId: randomUUID(), paperLang: 'ru',
    lines: Array.from({ length: 10 }, (_, i) => ({ sku: `SKU-${i}`, qty: 1, priceKopecks: 199_000, serials: [`SN-${i}`] })),
    payment: { method: 'cash', amountKopecks: 1_990_000, tenderedKopecks: 2_000_000, changeKopecks: 10_000 },
  },
};

const signUs: number[] = [];
const verifyUs: number[] = [];

for (let i = 0; i < ROUNDS; i++) {
  let t = performance.now();
  const signature = Buffer.from(await crypto.subtle.sign(STAFF_PROOF_SIGN, pair.privateKey, new TextEncoder().encode(staffProofMessage(sale)))).toString('base64');
  signUs.push((performance.now() - t) * 1000);
  t = performance.now();
  if (!verifyStaffProof(key, staffProofMessage(sale), signature)) throw new Error('the signature did not verify');
  verifyUs.push((performance.now() - t) * 1000);
}
const row = (name: string, raw: number[], us = [...raw].sort((a, b) => a - b)) => `${name.padEnd(44)} p50 ${percentile(us, 50).toFixed(0).padStart(5)} µs   p95 ${percentile(us, 95).toFixed(0).padStart(5)} µs`;
console.log(`bench:staff-proof — ${ROUNDS} rounds, a sale of 10 lines`);
console.log(row('tablet: sign (WebCrypto, non-extractable key)', signUs));
console.log(row('server: message + verify (node:crypto)', verifyUs));
