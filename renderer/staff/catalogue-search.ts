import MiniSearch, { type Query } from 'minisearch';
import { SHOPPER_WORDS } from '../../shared/domain/shopper-words';
import type { Product } from '../../shared/protocol/catalogue';

/** Lower case, ё read as е; й stays й (no Unicode decomposition, which would strip its breve). */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  return lower.includes('ё') ? lower.replaceAll('ё', 'е') : lower;
}

const LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r',
  с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};
/** A Cyrillic word in Latin letters, as a brand spelt by ear («самсунг» → samsung), or null. */
function latin(word: string): string | null {
  if (!/[а-я]/.test(word)) return null;
  return [...word].map((c) => LATIN[c] ?? c).join('');
}

const TOKENS = /[\s\p{P}\p{S}]+/u;
const tokens = (text: string) => foldText(text).split(TOKENS).filter(Boolean);

export type CatalogueSearch = {
  /** The products that match, best first. */
  search(query: string, limit?: number): Product[];
  /** The index as text, to store and load back at the next start instead of building it again. */
  toJSON(): string;
  /** An exact EAN-13 or SKU (a scan, or typed): straight into the cart. */
  byCode(code: string): Product | null;
};

/**
 * The tablet's catalogue search (MiniSearch): Russian and English names and the model,
 * prefix and typo tolerant («тилевизор» finds «Телевизор»), ё as е, and shoppers' words
 * (`SHOPPER_WORDS`, plus what the back office adds) searched as the catalogue's words.
 * Every word of the query must match (one of its readings); names weigh more than models.
 */
export function createCatalogueSearch(products: readonly Product[], extraWords: Readonly<Record<string, string>> = {}): CatalogueSearch {
  const index = new MiniSearch<Product>(INDEX_OPTIONS);
  index.addAll(products as Product[]);
  return wrap(index, products, extraWords);
}

/** The same search from a stored index (`toJSON`) of these products: faster than building it. */
export function loadCatalogueSearch(stored: string, products: readonly Product[], extraWords: Readonly<Record<string, string>> = {}): CatalogueSearch {
  return wrap(MiniSearch.loadJSON<Product>(stored, INDEX_OPTIONS), products, extraWords);
}

const INDEX_OPTIONS = {
  idField: 'sku',
  fields: ['nameRu', 'nameEn', 'model'],
  processTerm: (term: string) => foldText(term),
  tokenize: (text: string) => text.split(TOKENS).filter(Boolean),
  searchOptions: {
    boost: { nameRu: 2, nameEn: 1.5 },
    prefix: true,
    fuzzy: (term: string) => (term.length >= 5 ? 0.25 : term.length >= 4 ? 0.2 : false),
  },
};

function wrap(index: MiniSearch<Product>, products: readonly Product[], extraWords: Readonly<Record<string, string>>): CatalogueSearch {
  const words: Record<string, string> = { ...SHOPPER_WORDS };
  for (const [word, meaning] of Object.entries(extraWords)) words[foldText(word)] = foldText(meaning);
  const bySku = new Map(products.map((p) => [p.sku.toUpperCase(), p]));
  const byEan = new Map(products.map((p) => [p.ean13, p]));

  /** One query word as everything it may mean: itself, its shoppers' meaning, its Latin spelling. */
  function readings(word: string): Query {
    const alternatives: Query[] = [word];
    const meaning = words[word];
    if (meaning) alternatives.push({ queries: tokens(meaning), combineWith: 'AND' });
    const spelt = latin(word);
    if (spelt) alternatives.push(spelt);
    return alternatives.length === 1 ? word : { queries: alternatives, combineWith: 'OR' };
  }

  return {
    search(query, limit = 20) {
      const words = tokens(query);
      if (words.length === 0) return [];
      const found = index.search({ queries: words.map(readings), combineWith: 'AND' });
      return found.slice(0, limit).map((r) => bySku.get(String(r.id).toUpperCase())!).filter(Boolean);
    },
    toJSON: () => JSON.stringify(index),
    byCode(code) {
      const trimmed = code.trim();
      return byEan.get(trimmed) ?? bySku.get(trimmed.toUpperCase()) ?? null;
    },
  };
}
