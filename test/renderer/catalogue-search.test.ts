import { describe, expect, it } from 'vitest';
import { createCatalogueSearch, foldText, loadCatalogueSearch } from '../../renderer/staff/catalogue-search';
import { demoData } from '../../server/seed/demo-data';
import type { Product } from '../../shared/protocol';

const products: Product[] = demoData().products.map((p) => ({ ...p, updatedAt: '2026-11-30T00:00:00.000Z' }));
const catalogue = createCatalogueSearch(products);
const first = (query: string) => catalogue.search(query)[0]?.nameRu ?? '(nothing)';
const all = (query: string) => catalogue.search(query, 100).map((p) => p.nameRu);

/**
 * Search quality over the demo catalogue (238 products): each query and what a staff
 * member must see first. The cases are the ones the issue names: typos, ё, Cyrillic
 * brands, shoppers' words, English, prefixes.
 */
describe('catalogue search on the tablet', () => {
  it.each([
    ['телевизор самсунг', /^Телевизор 43?2?" Samsung/],
    ['тилевизор', /^Телевизор/],
    ['тилевизор lg', /^Телевизор \d\d" LG/],
    ['самсунг', /Samsung/],
    ['стиралка', /^Стиральная машина/],
    ['стиралка индезит', /^Стиральная машина Indesit/],
    ['микроволновка', /^Микроволновая печь/],
    ['холодильник атлант', /^Холодильник двухкамерный Атлант/],
    ['холодилник', /^Холодильник/],
    ['радиоприемник', /^Радиоприёмник/],
    ['радиоприёмник', /^Радиоприёмник/],
    ['тонометр омрон', /^Тонометр автоматический Omron/],
    ['давление', /^Тонометр/],
    ['чайн', /^Чайник/],
    ['kettle bosch', /^Чайник электрический Bosch/],
    ['washing machine', /^Стиральная машина/],
    ['мобильник', /^Телефон кнопочный|^Радиотелефон|^Смартфон/],
    ['филипс фен', /^Фен Philips/],
    ['пальчиковые', /^Батарейки AA/],
  ])('«%s» finds %s first', (query, expected) => {
    expect(first(query)).toMatch(expected);
  });

  it('every word must match: «стиралка самсунг» finds no Samsung washing machine (there is none), not every Samsung', () => {
    expect(all('стиралка самсунг')).toEqual([]);
    expect(all('чайник bosch').every((name) => /^Чайник электрический Bosch/.test(name))).toBe(true);
  });

  it('folds ё to е and never touches й', () => {
    expect(foldText('Радиоприёмник ЁЛКА')).toBe('радиоприемник елка');
    expect(foldText('Чайник Мойка')).toBe('чайник мойка');
    expect(foldText('й')).not.toBe('и');
  });

  it('an exact EAN-13 or SKU goes straight in; anything else is not a code', () => {
    const p = products[7]!;
    expect(catalogue.byCode(p.ean13)).toBe(p);
    expect(catalogue.byCode(` ${p.sku.toLowerCase()} `)).toBe(p);
    expect(catalogue.byCode('4600000000000')).toBeNull();
  });

  it('the back office’s own words are searched too', () => {
    const extended = createCatalogueSearch(products, { 'Ветродуй': 'вентилятор' });
    expect(extended.search('ветродуй')[0]?.nameRu).toMatch(/^Вентилятор напольный/);
    expect(catalogue.search('ветродуй')).toEqual([]);
  });

  it('a stored index loaded back answers exactly as the one built', () => {
    const loaded = loadCatalogueSearch(catalogue.toJSON(), products);
    for (const query of ['тилевизор самсунг', 'стиралка', 'чайн', 'kettle bosch', 'пальчиковые']) {
      expect(loaded.search(query).map((p) => p.sku)).toEqual(catalogue.search(query).map((p) => p.sku));
    }
  });
});
