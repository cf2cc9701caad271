/**
 * Masking of personal data for screens, paper and logs (152-ФЗ): the kiosk shows just
 * enough for a customer to recognise their own order, and nothing a bystander could use.
 */

/** Digits of a phone number in any common Russian spelling ("8 (916) 123-45-67", "+7916…"). */
export function phoneDigits(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  // A leading 8 is the domestic trunk prefix for +7.
  if (digits.length === 11 && digits.startsWith('8')) return `7${digits.slice(1)}`;
  if (digits.length === 10) return `7${digits}`;
  return digits;
}

/** "+7 916 123-45-67" → "+7 ••• •••-••-67". Only the last two digits stay visible. */
export function maskPhone(phone: string): string {
  const digits = phoneDigits(phone);
  const last2 = digits.slice(-2).padStart(2, '•');
  return `+7 ••• •••-••-${last2}`;
}

/** The last 4 digits, which a customer types to confirm a typed order code. */
export function phoneLast4(phone: string): string {
  return phoneDigits(phone).slice(-4);
}

/** "Иван Петрович Петров" (first name first) → "Иван П."; a single name stays as it is. */
export function shortName(fullName: string): string {
  const parts = fullName.trim().split(/\s+/).filter(Boolean);
  const [first, ...rest] = parts;
  if (!first) return '';
  const last = rest.at(-1);
  return last ? `${first} ${last[0]!.toUpperCase()}.` : first;
}

/** A card or account number → "•••• 1234". */
export function maskCard(number: string): string {
  const digits = number.replace(/\D/g, '');
  return `•••• ${digits.slice(-4)}`;
}
