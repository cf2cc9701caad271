/**
 * Every form a secret may take in text it was written into: as is; URL-encoded (a query
 * string, a form body; percent escapes in either case); base64 and base64url, each also
 * URL-encoded; and hex. A secret inside a longer encoded text (a card number in a base64
 * JSON cursor) is encoded together with its neighbours, so for base64 the forms are the
 * characters that depend on the secret's bytes alone, at each of the three places a byte
 * can fall in a base64 group: the secret is found wherever it sits in the blob.
 */
export function encodedForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  const percent = encodeURIComponent(secret);
  forms.add(percent).add(percent.replace(/%20/g, '+')).add(percent.toLowerCase());
  const bytes = Buffer.from(secret, 'utf8');
  forms.add(bytes.toString('hex')).add(bytes.toString('hex').toUpperCase());
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    // The first group mixes in `offset` bytes of the neighbours, the last may mix in what
    // follows: only whole groups made of the secret's bytes are its own.
    const own = padded.toString('base64').slice(offset === 0 ? 0 : 4, Math.floor(padded.length / 3) * 4);
    if (own.length < 8) continue; // shorter would match by chance in megabytes of text
    const url = own.replace(/\+/g, '-').replace(/\//g, '_');
    forms.add(own).add(url).add(encodeURIComponent(own));
  }
  return [...forms];
}

/** Which secrets a text holds, in which form: `[]` when none. */
export function findEncoded(text: string, secrets: readonly string[]): { secret: string; form: string }[] {
  return secrets.flatMap((secret) => encodedForms(secret).filter((form) => text.includes(form)).map((form) => ({ secret, form })));
}
