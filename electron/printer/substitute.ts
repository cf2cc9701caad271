/**
 * Characters the Cyrillic code pages lack, replaced before layout (so widths are right)
 * and before encoding (so nothing prints as "?"). CP866 has no ₽, «», —, …, or curly
 * quotes, nor the • of masked numbers; Windows-1251 has «», —, …, • and № but no ₽.
 */
const COMMON: [RegExp, string][] = [
  [/₽/g, 'руб.'],
  [/[\u00a0\u202f]/g, ' '],
  [/[‘’]/g, "'"],
  [/[“”„]/g, '"'],
  [/–/g, '-'],
  [/×/g, 'x'],
];
const CP866_ONLY: [RegExp, string][] = [
  [/[«»]/g, '"'],
  [/•/g, '∙'], // the masking dot: CP866 has the bullet operator (0xF9), not the bullet
  [/—/g, '-'],
  [/…/g, '...'],
];

export function substituteFor(codePage: 'cp866' | 'windows1251'): (text: string) => string {
  const rules = codePage === 'cp866' ? [...COMMON, ...CP866_ONLY] : COMMON;
  return (text) => rules.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}
