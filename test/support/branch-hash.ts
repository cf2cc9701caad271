import { createHash, createHmac } from 'node:crypto';
import type { Queryable } from '../../server/db/db';

/**
 * The keyed hash devices compare (renderer/hashing/keyed-hash.ts), computed independently
 * with Node's crypto: HMAC-SHA256 with the branch's key over the SHA-256 of the message.
 * Tests check the server's SQL and the devices' WebCrypto against it, and a stolen kiosk's
 * brute force uses it with the key the server holds.
 */
export function keyedHash(key: Buffer, message: string): string {
  return createHmac('sha256', key).update(createHash('sha256').update(message, 'utf8').digest()).digest('hex');
}

/** A branch's hash key as the server keeps it (024_branch_hash_key.sql). */
export async function branchHashKey(db: Queryable, branchCode: string): Promise<Buffer> {
  const { rows } = await db.query<{ key: Uint8Array }>('SELECT hash_key AS key FROM branches WHERE code = $1', [branchCode]);
  if (!rows[0]) throw new Error(`no branch ${branchCode}`);
  return Buffer.from(rows[0].key);
}
