import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256HexAsync } from '../../renderer/hashing/digest';
import { phoneLast4Hash, phoneLast4Message } from '../../shared/domain/phone-check';
import { scanSecretHash, scanSecretMessage } from '../../shared/domain/scan-code';
import { sha256Hex } from '../../shared/domain/sha256';

describe('the device’s WebCrypto digest', () => {
  it('is the same SHA-256 as the server’s, for any text', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'grapheme' }), async (text) => {
      expect(await sha256HexAsync(text)).toBe(sha256Hex(text));
    }), { numRuns: 300 });
  });

  it('checks phone digits and scan secrets against the hashes the server made', async () => {
    expect(await sha256HexAsync(phoneLast4Message('47110004', '4567'))).toBe(phoneLast4Hash('47110004', '4567'));
    expect(await sha256HexAsync(scanSecretMessage('47110004', 'k7m2q9xw4p3rt6ya'))).toBe(scanSecretHash('47110004', 'K7M2Q9XW4P3RT6YA'));
  });
});
