import { isValidEan13 } from './ean13';
import { isScanSecret } from './scan-code';
import { sha256Hex } from './sha256';

/**
 * A passbook card's barcode: its 13-digit number and a secret only the code carries,
 * `2600000000013-K7M2Q9XW4P3RT6YA` (the same alphabet and length as a pickup's). The card
 * shows the number in digits; knowing it is not enough to print someone's balance.
 * Devices keep the card by its number's hash keyed with their branch's key, never the
 * number, and the secret's hash salted with the number.
 */
export type ParsedCard = { kind: 'with-secret'; cardNumber: string; secret: string } | { kind: 'number-only'; cardNumber: string };

export function parseCardCode(text: string): ParsedCard | null {
  const upper = text.trim().toUpperCase();
  const match = /^(\d{13})-([0-9A-Z]+)$/.exec(upper);
  if (match) return isValidEan13(match[1]!) && isScanSecret(match[2]!) ? { kind: 'with-secret', cardNumber: match[1]!, secret: match[2]! } : null;
  return /^\d{13}$/.test(upper) && isValidEan13(upper) ? { kind: 'number-only', cardNumber: upper } : null;
}

export function formatCardCode(cardNumber: string, secret: string): string {
  return `${cardNumber}-${secret}`;
}

/**
 * What devices key a card by. They never hold its plain SHA-256 (`cardHash`): 13 digits
 * are enumerated from it in a day on one core. They hold HMAC-SHA256(branch key, SHA-256 of
 * this message) (renderer/hashing/keyed-hash.ts; the server's SQL in
 * server/db/migrations/024_branch_hash_key.sql writes the same message).
 */
export function cardHashMessage(cardNumber: string): string {
  return `okno:card:${cardNumber}`;
}
/** The unkeyed digest the branch's key is applied to. */
export function cardHash(cardNumber: string): string {
  return sha256Hex(cardHashMessage(cardNumber));
}

export function cardSecretMessage(cardNumber: string, secret: string): string {
  return `okno:card-secret:${cardNumber}:${secret.toUpperCase()}`;
}
export function cardSecretHash(cardNumber: string, secret: string): string {
  return sha256Hex(cardSecretMessage(cardNumber, secret));
}
