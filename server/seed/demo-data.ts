import { completeInn10 } from '../../shared/domain/inn';
import { ean13CheckDigit } from '../../shared/domain/ean13';
import { makeOrderCode } from '../../shared/domain/order-code';
import { SCAN_SECRET_ALPHABET, SCAN_SECRET_LENGTH } from '../../shared/domain/scan-code';
import { sha256Hex } from '../../shared/domain/sha256';
import type { OrderInput } from '../../shared/protocol';
import { demoProducts } from './demo-catalogue';
import { FEMALE_FROM_INDEX, FIRST_NAMES, PATRONYMICS_F, PATRONYMICS_M, SURNAMES_F, SURNAMES_M } from './demo-people';
import { seededRandom, type Random } from './rng';

export const DEMO_BRANCH = {
  code: 'MSK1',
  name: 'Электроника на Садовой',
  legalName: 'ООО «Окно Электроника»',
  inn: completeInn10('770123456'),
  ogrn: '1157746123456',
  address: 'г. Москва, ул. Садовая-Кудринская, д. 12',
  serviceCentre: 'Сервисный центр «Ремтехника», г. Москва, ул. Малая Бронная, д. 3, тел. +7 495 123-45-67',
};

export const DEMO_STAFF = [
  { employeeNo: '1001', name: 'Ольга Сергеевна Иванова', role: 'supervisor', pin: '2468' },
  { employeeNo: '1002', name: 'Дмитрий Андреевич Орлов', role: 'associate', pin: '1357' },
  { employeeNo: '1003', name: 'Светлана Игоревна Белова', role: 'associate', pin: '9753' },
] as const;

export type DemoOrder = { code: string; input: OrderInput; phoneLast4: string; scanSecret: string };
export type DemoLedgerLine = { postedAt: Date; textRu: string; textEn: string; amountKopecks: number };
/** A demo card holder: `scanSecret` is inside the card's barcode only (shared/domain/card-code.ts). */
export type DemoCustomer = { shortName: string; cardNumber: string; scanSecret: string; lines: DemoLedgerLine[] };

function personName(random: Random): { full: string } {
  const i = random.int(0, FIRST_NAMES.length - 1);
  const female = i >= FEMALE_FROM_INDEX;
  const patronymic = random.pick(female ? PATRONYMICS_F : PATRONYMICS_M);
  const surname = random.pick(female ? SURNAMES_F : SURNAMES_M);
  return { full: `${FIRST_NAMES[i]} ${patronymic} ${surname}` };
}

function demoOrders(random: Random, products: ReturnType<typeof demoProducts>): DemoOrder[] {
  const sources = ['Интернет-магазин', 'Интернет-магазин', 'Партнёр «Дом Техники»', 'Заказ по телефону'];
  return Array.from({ length: 60 }, (_, i) => {
    const phone = `+7 9${random.int(10, 99)} ${random.int(100, 999)}-${random.int(10, 99)}-${random.int(10, 99)}`;
    const picked = Array.from({ length: random.int(1, 3) }, () => {
      const p = random.pick(products);
      return { sku: p.sku, name: p.nameRu, quantity: p.priceKopecks < 50000 ? random.int(1, 4) : 1, priceKopecks: p.priceKopecks };
    });
    // The same product picked twice is one line of two, as a shop's order has it.
    const bySku = new Map<string, (typeof picked)[number]>();
    for (const item of picked) {
      const same = bySku.get(item.sku);
      bySku.set(item.sku, same ? { ...same, quantity: same.quantity + item.quantity } : item);
    }
    const items = [...bySku.values()];
    const code = makeOrderCode(4711000 + i * 37);
    const scanSecret = demoScanSecret(code);
    return {
      code,
      scanSecret,
      phoneLast4: phone.replace(/\D/g, '').slice(-4),
      input: {
        branchCode: DEMO_BRANCH.code,
        customerName: personName(random).full,
        phone,
        items,
        paid: i % 3 !== 2,
        shelf: `${'ABCD'[i % 4]}${1 + (i % 9)}`,
        status: 'ready',
        source: random.pick(sources),
        scanSecret,
      },
    };
  });
}

/**
 * The demo's QR secrets (orders' and passbook cards') are derived from the code, so they
 * are the same on every machine and the demo's random sequence is untouched. A real shop
 * makes random ones.
 */
function demoScanSecret(code: string): string {
  const hex = sha256Hex(`okno-demo-scan:${code}`);
  return Array.from({ length: SCAN_SECRET_LENGTH }, (_, i) => SCAN_SECRET_ALPHABET[parseInt(hex.slice(i * 2, i * 2 + 2), 16) % SCAN_SECRET_ALPHABET.length]).join('');
}

function demoCustomers(random: Random, today: Date): DemoCustomer[] {
  return Array.from({ length: 12 }, (_, c) => {
    const first12 = `299${String(100000001 + c).padStart(9, '0')}`;
    const lines: DemoLedgerLine[] = [];
    let day = new Date(today.getTime() - 200 * 86400_000);
    lines.push({ postedAt: day, textRu: 'Открытие счёта, взнос наличными', textEn: 'Account opened, cash deposit', amountKopecks: random.int(5, 50) * 100_000 });
    for (let n = random.int(8, 20); n > 0; n--) {
      day = new Date(day.getTime() + random.int(3, 14) * 86400_000);
      const kind = random.int(0, 3);
      if (kind === 0) lines.push({ postedAt: day, textRu: 'Пенсия, зачисление', textEn: 'Pension credited', amountKopecks: random.int(180, 320) * 10_000 });
      else if (kind === 1) lines.push({ postedAt: day, textRu: 'Снятие наличных', textEn: 'Cash withdrawal', amountKopecks: -random.int(10, 80) * 10_000 });
      else if (kind === 2) lines.push({ postedAt: day, textRu: 'Покупка в магазине', textEn: 'Store purchase', amountKopecks: -random.int(500, 9000) * 100 });
      else lines.push({ postedAt: day, textRu: 'Проценты по вкладу', textEn: 'Interest', amountKopecks: random.int(100, 2500) * 100 });
    }
    // Never below zero: a passbook with a negative balance would alarm its owner for nothing.
    let balance = 0;
    for (const line of lines) {
      if (balance + line.amountKopecks < 0) line.amountKopecks = -Math.floor(balance / 2);
      balance += line.amountKopecks;
    }
    const cardNumber = first12 + String(ean13CheckDigit(first12));
    return { shortName: personName(random).full, cardNumber, scanSecret: demoScanSecret(cardNumber), lines };
  });
}

/** The whole demo data set, the same on every run (seeded), so `npm start` can name demo codes. */
export function demoData(today = new Date()) {
  const random = seededRandom(20261123);
  const products = demoProducts(random);
  const orders = demoOrders(random, products);
  const customers = demoCustomers(random, today);
  return { branch: DEMO_BRANCH, staff: DEMO_STAFF, products, orders, customers };
}
