import { ean13CheckDigit } from '../../shared/domain/ean13';
import type { ProductInput } from '../../shared/protocol';
import type { Random } from './rng';

type ProductType = {
  ru: string;
  en: string;
  /** price range in whole roubles */
  price: [number, number];
  warranty: number;
  serial: boolean;
  brands: string[];
};

/** What an electronics store near a bus stop sells: appliances people of any age buy. */
const TYPES: ProductType[] = [
  { ru: 'Чайник электрический', en: 'Electric kettle', price: [1290, 5990], warranty: 12, serial: false, brands: ['Redmond', 'Polaris', 'Scarlett', 'Vitek', 'Bosch'] },
  { ru: 'Телевизор 43"', en: 'TV 43"', price: [22990, 45990], warranty: 24, serial: true, brands: ['Samsung', 'LG', 'Hyundai', 'Haier', 'TCL'] },
  { ru: 'Телевизор 32"', en: 'TV 32"', price: [13990, 24990], warranty: 24, serial: true, brands: ['Samsung', 'LG', 'Hyundai', 'BBK', 'Haier'] },
  { ru: 'Холодильник двухкамерный', en: 'Fridge-freezer', price: [29990, 79990], warranty: 36, serial: true, brands: ['Атлант', 'Indesit', 'Бирюса', 'Haier', 'Beko'] },
  { ru: 'Стиральная машина', en: 'Washing machine', price: [24990, 59990], warranty: 24, serial: true, brands: ['Indesit', 'Candy', 'Beko', 'Haier', 'Атлант'] },
  { ru: 'Микроволновая печь', en: 'Microwave oven', price: [5990, 14990], warranty: 12, serial: true, brands: ['Samsung', 'LG', 'Midea', 'Horizont', 'Supra'] },
  { ru: 'Пылесос', en: 'Vacuum cleaner', price: [4990, 19990], warranty: 24, serial: true, brands: ['Vitek', 'Philips', 'Bosch', 'Polaris', 'Samsung'] },
  { ru: 'Утюг', en: 'Iron', price: [1990, 6990], warranty: 12, serial: false, brands: ['Philips', 'Tefal', 'Polaris', 'Scarlett', 'Braun'] },
  { ru: 'Мультиварка', en: 'Multicooker', price: [3990, 11990], warranty: 12, serial: true, brands: ['Redmond', 'Polaris', 'Tefal', 'Moulinex', 'Vitek'] },
  { ru: 'Телефон кнопочный с большими кнопками', en: 'Big-button mobile phone', price: [1490, 4990], warranty: 12, serial: true, brands: ['teXet', 'Philips', 'Nokia', 'BQ', 'Itel'] },
  { ru: 'Смартфон', en: 'Smartphone', price: [7990, 34990], warranty: 12, serial: true, brands: ['Samsung', 'Xiaomi', 'Realme', 'Tecno', 'Honor'] },
  { ru: 'Радиотелефон DECT', en: 'DECT cordless phone', price: [1990, 5490], warranty: 12, serial: true, brands: ['Panasonic', 'Gigaset', 'Philips', 'teXet', 'Alcatel'] },
  { ru: 'Тонометр автоматический', en: 'Blood pressure monitor', price: [2490, 6990], warranty: 36, serial: true, brands: ['Omron', 'AND', 'Microlife', 'B.Well', 'Little Doctor'] },
  { ru: 'Радиоприёмник', en: 'Radio receiver', price: [890, 3990], warranty: 12, serial: false, brands: ['Сигнал', 'Max', 'Perfeo', 'Ritmix', 'Panasonic'] },
  { ru: 'Обогреватель масляный', en: 'Oil-filled heater', price: [2990, 7990], warranty: 24, serial: true, brands: ['Ballu', 'Timberk', 'Polaris', 'Scarlett', 'Electrolux'] },
  { ru: 'Вентилятор напольный', en: 'Floor fan', price: [1490, 4990], warranty: 12, serial: false, brands: ['Vitek', 'Polaris', 'Scarlett', 'Ballu', 'Supra'] },
  { ru: 'Блендер', en: 'Blender', price: [1990, 7990], warranty: 12, serial: false, brands: ['Philips', 'Braun', 'Bosch', 'Moulinex', 'Kitfort'] },
  { ru: 'Электроплита настольная', en: 'Tabletop electric hob', price: [1990, 6990], warranty: 12, serial: true, brands: ['Мечта', 'Endever', 'Kitfort', 'Vitek', 'Hansa'] },
  { ru: 'Фен', en: 'Hair dryer', price: [990, 5990], warranty: 12, serial: false, brands: ['Philips', 'Braun', 'Rowenta', 'Scarlett', 'Polaris'] },
  { ru: 'Электробритва', en: 'Electric shaver', price: [2490, 12990], warranty: 24, serial: true, brands: ['Philips', 'Braun', 'Panasonic', 'Харьков', 'Remington'] },
  { ru: 'Кофеварка капельная', en: 'Drip coffee maker', price: [2490, 8990], warranty: 12, serial: true, brands: ['Bosch', 'Philips', 'Polaris', 'Redmond', 'Kitfort'] },
  { ru: 'Лампа настольная светодиодная', en: 'LED desk lamp', price: [990, 3990], warranty: 12, serial: false, brands: ['Camelion', 'Эра', 'Navigator', 'Gauss', 'Feron'] },
  { ru: 'Слуховой усилитель', en: 'Hearing amplifier', price: [1990, 8990], warranty: 12, serial: true, brands: ['Сонет', 'Axon', 'Беурер', 'Xingma', 'Cyber Sonic'] },
  { ru: 'Весы напольные', en: 'Bathroom scales', price: [790, 2990], warranty: 12, serial: false, brands: ['Scarlett', 'Polaris', 'Tefal', 'Beurer', 'Vitek'] },
  { ru: 'Батарейки AA, 4 шт.', en: 'AA batteries, 4 pcs', price: [149, 449], warranty: 0, serial: false, brands: ['Duracell', 'Energizer', 'GP', 'Varta', 'Камелион'] },
];

const MODEL_LETTERS = ['A', 'M', 'S', 'X', 'P', 'T'];

/** 238 products: 25 kinds of goods × 5 brands × 1–2 models, with valid EAN-13 codes (Russian prefix 460). */
export function demoProducts(random: Random): (ProductInput & { sku: string })[] {
  const products: (ProductInput & { sku: string })[] = [];
  TYPES.forEach((type, typeIndex) => {
    type.brands.forEach((brand, brandIndex) => {
      const models = typeIndex % 2 === 0 || brandIndex < 4 ? 2 : 1;
      for (let m = 0; m < models; m++) {
        const n = products.length + 1;
        const model = `${MODEL_LETTERS[(typeIndex + m) % MODEL_LETTERS.length]}${random.int(100, 999)}`;
        const roubles = Math.round(random.int(type.price[0], type.price[1]) / 10) * 10 - (type.price[1] > 1000 ? 10 : 1);
        const first12 = `460${String(7000000 + typeIndex * 1000 + n).padStart(9, '0')}`;
        products.push({
          sku: `SKU-${String(n).padStart(5, '0')}`,
          ean13: first12 + String(ean13CheckDigit(first12)),
          nameRu: `${type.ru} ${brand} ${model}`,
          nameEn: `${type.en} ${brand} ${model}`,
          model,
          priceKopecks: roubles * 100,
          warrantyMonths: type.warranty,
          serialRequired: type.serial,
        });
      }
    });
  });
  return products;
}
