/**
 * Unicode → the single-byte Cyrillic code pages printers have, from the WHATWG tables
 * (TextDecoder 'ibm866' is CP866, 'windows-1251' is Windows-1251). Built once per code
 * page; encoding a line is then a table lookup a character (the encoder package's own
 * search took 50 µs a line). A character the page lacks, left after substitute.ts, is
 * printed as "_": never "?", which on a receipt reads like a wrong amount.
 */
const tables = new Map<string, Map<string, number>>();

function table(codePage: 'cp866' | 'windows1251'): Map<string, number> {
  let map = tables.get(codePage);
  if (!map) {
    const decoder = new TextDecoder(codePage === 'cp866' ? 'ibm866' : 'windows-1251');
    map = new Map();
    for (let byte = 0x80; byte <= 0xff; byte++) map.set(decoder.decode(new Uint8Array([byte])), byte);
    tables.set(codePage, map);
  }
  return map;
}

export const MISSING_CHARACTER = 0x5f; // "_"

export function encodeCodePage(text: string, codePage: 'cp866' | 'windows1251'): Uint8Array {
  const map = table(codePage);
  const out = new Uint8Array(text.length);
  let n = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    out[n++] = code >= 0x20 && code < 0x7f ? code : (map.get(ch) ?? MISSING_CHARACTER);
  }
  return out.subarray(0, n);
}
