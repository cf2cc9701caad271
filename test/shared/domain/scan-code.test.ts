import { describe, expect, it } from 'vitest';
import { formatScanCode, parseScanCode, scanSecretHash } from '../../../shared/domain/scan-code';

const CODE = '47110004';
const SECRET = 'K7M2Q9XW4P3RT6YA';

describe('pickup scan codes', () => {
  it.each([
    [formatScanCode(CODE, SECRET), { kind: 'with-secret', orderCode: CODE, secret: SECRET }],
    [`${CODE}-${SECRET.toLowerCase()}`, { kind: 'with-secret', orderCode: CODE, secret: SECRET }],
    [CODE, { kind: 'code-only', orderCode: CODE }],
    ['4711 0004', { kind: 'code-only', orderCode: CODE }],
    ['47110005', null], // check digit wrong
    [`${CODE}-SHORT`, null],
    [`${CODE}-K7M2Q9XW4P3RT6YI`, null], // I is not in Crockford's alphabet
    ['4600000000008', null], // a product's EAN-13
  ])('reads %s', (text, expected) => {
    expect(parseScanCode(text)).toEqual(expected);
  });

  it('hashes the secret with the order code, so one secret on two orders gives two hashes', () => {
    expect(scanSecretHash(CODE, SECRET)).toMatch(/^[0-9a-f]{64}$/);
    expect(scanSecretHash(CODE, SECRET)).toBe(scanSecretHash(CODE, SECRET.toLowerCase()));
    expect(scanSecretHash(CODE, SECRET)).not.toBe(scanSecretHash('47120003', SECRET));
  });
});
