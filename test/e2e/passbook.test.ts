import { describe, expect, it } from 'vitest';
import type { PaperDocument } from '../../shared/documents';
import { speakable } from '../../shared/speech/speakable';
import { ean13CheckDigit } from '../../shared/domain/ean13';
import { axeFindings, tabletFindings } from './support/axe';
import { findChromium } from './support/chromium';
import { eventually, SCREENSHOTS } from './support/kiosk-page';
import { paperText } from './support/paper-text';
import { kioskSuite } from './support/suite';

/** Flow C in Chromium through the real server: a demo passbook card scanned, the continuation printed, the mark moved. */
describe.skipIf(!findChromium())('the passbook at the kiosk', () => {
  const suite = kioskSuite();
  const money = (k: number) => `${(k / 100).toLocaleString('ru-RU', { minimumFractionDigits: 2 }).replace(/\s/g, '\u00a0')}\u00a0₽`;
  const bookOf = async (cardNumber: string) => (await suite.server.db.query<{ line: number; balance: number; posted: Date }>(
    'SELECT e.line_no AS line, e.balance_kopecks::int AS balance, e.posted_at AS posted FROM ledger_entries e JOIN customers c ON c.id = e.customer_id WHERE c.card_number = $1 ORDER BY e.line_no', [cardNumber])).rows;
  const markOf = async (cardNumber: string) => (await suite.server.db.query<{ through: number; line: number }>(
    'SELECT printed_through AS through, printed_line AS line FROM customers WHERE card_number = $1', [cardNumber])).rows[0]!;

  it('a scanned card: how many new entries and the balance, shown and spoken; the continuation prints; the mark moves after the printer confirms; a copy of it only by a supervisor with the customer’s card', async () => {
    const card = suite.server.passbookCard(0);
    const lines = await bookOf(card.cardNumber);
    const k = await suite.openKiosk();
    await k.tap('voice');
    await k.tap('passbook');
    await k.waitForScreen('passbook-scan');
    await k.shot('passbook-scan-ru');
    expect(await axeFindings(k.page)).toEqual({ violations: [], incomplete: [] });
    // The number alone (typed into a scanner's field, or an old card's plain barcode) does not open the book.
    await k.scan(card.cardNumber);
    await k.page.locator('[data-testid="passbook-error"][data-error="number-only"]').waitFor();
    // …and staff are called at once, with the step (never the number) as context.
    const calls = async () => (await suite.server.db.query<{ step: string; context: string }>(
      "SELECT context->>'step' AS step, context::text AS context FROM assistance_requests WHERE context->>'step' = 'passbook-scan'")).rows;
    await eventually(async () => (await calls()).length === 1, 'the call for staff to reach the server');
    expect((await calls())[0]!.context).not.toContain(card.cardNumber.slice(-4));
    await k.scan(card.scan);
    await k.waitForScreen('passbook');
    const first = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long' }).format(lines[0]!.posted);
    const n = lines.length;
    const words = n % 10 === 1 && n % 100 !== 11 ? 'новая запись' : [2, 3, 4].includes(n % 10) && ![12, 13, 14].includes(n % 100) ? 'новые записи' : 'новых записей';
    await expect(k.page.getByTestId('passbook-summary').textContent()).resolves.toBe(`У вас ${n} ${words} с ${first}. Остаток ${money(lines.at(-1)!.balance)}.`);
    await k.shot('passbook-ru');
    expect(await axeFindings(k.page)).toEqual({ violations: [], incomplete: [] });
    // Spoken (the host says sums in words: speakable), and never the card's number.
    const spoken = await k.page.evaluate(() => (window as unknown as { oknoFakeHost: { speech: { spoken: { text: string }[] } } }).oknoFakeHost.speech.spoken.map((s) => s.text));
    expect(speakable(spoken.at(-1)!, 'ru')).toMatch(new RegExp(`^У вас ${n} ${words} с ${first}\\. Остаток [а-яё ]+ рубл[а-яё]+( [а-яё ]+ копе[а-яё]+)?\\.$`));
    expect(spoken.join(' ')).not.toContain(card.cardNumber.slice(-4));

    await k.tap('passbook-print');
    await k.waitForScreen('passbook-done');
    // What came out is said in words: its number, how many lines, the balance carried forward.
    await expect(k.page.getByTestId('printed-what').textContent()).resolves.toMatch(new RegExp(`^Напечатана выписка № MSK1-K\\d{2}-\\d{6}: ${n} запис[а-яё]*\\. Остаток на конец ${money(lines.at(-1)!.balance)}\\.$`));
    await k.shot('passbook-done-ru');
    expect(await axeFindings(k.page)).toEqual({ violations: [], incomplete: [] });
    const [doc] = await k.printed() as PaperDocument[];
    expect(doc!.type).toBe('passbook');
    const text = paperText(doc!);
    expect(text).toContain('ВЫПИСКА ПО СЧЁТУ');
    expect(text).toContain('стр. 1, строка 1');
    // Its own number, from the kiosk's document series: what staff find it by.
    const statementNo = /Выписка № +(MSK1-K\d{2}-\d{6})\n/.exec(text)?.[1];
    expect(statementNo).toBeDefined();
    expect(text).toMatch(/Остаток на начало +0,00 руб\./);
    expect(text).toMatch(new RegExp(`Остаток на конец +${money(lines.at(-1)!.balance).replace(/\u00a0/g, ' ').replace(' ₽', ' руб\\.')}`));
    expect(text).toMatch(new RegExp(`Карта +\\S{4} ${card.cardNumber.slice(-4)}\n`)); // the printer's code page has ∙ for •
    expect(text).not.toContain(card.cardNumber);
    await eventually(async () => (await markOf(card.cardNumber)).through === n, 'the mark to reach the server');
    expect(await markOf(card.cardNumber)).toEqual({ through: n, line: n });
    // Then the one question, on its own screen: «Нет» keeps nothing.
    await k.tap('passbook-next');
    await k.waitForScreen('passbook-remember');
    await k.tap('remember-no');
    await k.page.getByTestId('declined').waitFor();
    await k.tap('finish');
    await k.waitForScreen('welcome');

    // Scanned again: nothing new, nothing to print.
    await k.scan(card.scan);
    await k.waitForScreen('passbook');
    await expect(k.page.getByTestId('passbook-summary').textContent()).resolves.toBe(`Новых записей нет. Остаток ${money(lines.at(-1)!.balance)}.`);
    expect(await k.page.getByTestId('passbook-print').count()).toBe(0);
    await k.page.context().close();

    // A copy of that statement (a name and a balance): an associate finds it but cannot
    // copy it; a supervisor copies it only with the customer's card scanned.
    const { context: associateContext, tablet: associate } = await suite.openTablet({ employeeNo: '1002', pin: '1357' });
    await associate.getByTestId('tab-branch').click();
    await associate.getByTestId('branch-copies').click();
    await associate.getByTestId('reprint-key').fill(card.cardNumber);
    await associate.getByTestId('reprint-find').click();
    await associate.locator('[data-testid="reprint-doc"]').getByTestId('reprint-supervisor-only').getByText('Копию выписки по книжке делает старший смены, с картой клиента.').waitFor();
    expect(await associate.locator('[data-testid="reprint-doc"]').getByTestId('reprint-here').count()).toBe(0);
    await associateContext.close();
    const { context: supervisorContext, tablet: supervisor } = await suite.openTablet();
    await supervisor.getByTestId('tab-branch').click();
    await supervisor.getByTestId('branch-copies').click();
    await supervisor.getByTestId('reprint-key').fill(card.cardNumber);
    await supervisor.getByTestId('reprint-find').click();
    const statement = supervisor.locator('[data-testid="reprint-doc"]').first();
    await statement.getByTestId('reprint-here').click();
    await supervisor.getByTestId('reprint-note').getByText('Сначала отсканируйте карту клиента: копия выписки — только с ней.').waitFor();
    await supervisor.getByTestId('reprint-card').fill(`${card.cardNumber}-ZZZZZZZZZZZZZZZZ`);
    await statement.getByTestId('reprint-here').click();
    await supervisor.getByTestId('reprint-note').getByText('Это не карта владельца книжки.').waitFor();
    await supervisor.getByTestId('reprint-card').fill(card.scan);
    await statement.getByTestId('reprint-here').click();
    await supervisor.getByTestId('reprint-note').getByText(new RegExp(`^КОПИЯ выписки ${statementNo} по книжке •••• \\d{4} напечатана \\(этот планшет\\)\\.$`)).waitFor();
    await supervisor.screenshot({ path: `${SCREENSHOTS}/tablet-passbook-copy-ru.png`, fullPage: true });
    const copies = await supervisor.evaluate(() => (window as unknown as { oknoFakeHost: { printed: unknown[] } }).oknoFakeHost.printed) as PaperDocument[];
    expect(copies.map((d) => [d.type, d.copy])).toEqual([['passbook', true]]);
    expect(paperText(copies[0]!)).toContain('ВЫПИСКА ПО СЧЁТУ');
    expect(paperText(copies[0]!)).toMatch(new RegExp(`Выписка № +${statementNo}\n`));
    await supervisorContext.close();
  });

  it('paper out mid-print leaves the mark where it was; the next printout of those lines says КОПИЯ and then moves it', async () => {
    const card = suite.server.passbookCard(1);
    const n = (await bookOf(card.cardNumber)).length;
    const k = await suite.openKiosk();
    await k.page.evaluate(() => { (window as unknown as { oknoFakeHost: { nextPrint: unknown } }).oknoFakeHost.nextPrint = { ok: false, code: 'paper-out' }; });
    await k.scan(card.scan);
    await k.waitForScreen('passbook');
    await k.tap('passbook-print');
    await k.waitForScreen('passbook-done');
    await k.page.locator('[data-testid="passbook-problem"][data-problem="paper-out"]').waitFor();
    await k.shot('passbook-paper-out-ru');
    await k.page.waitForTimeout(500);
    expect((await markOf(card.cardNumber)).through).toBe(0);
    await k.tap('finish');
    await k.scan(card.scan);
    await k.waitForScreen('passbook');
    await k.tap('passbook-print');
    await k.waitForScreen('passbook-done');
    const [copy] = await k.printed() as PaperDocument[];
    expect(copy!.copy).toBe(true);
    expect(paperText(copy!).split('\n')[0]!.trim()).toBe('КОПИЯ');
    await eventually(async () => (await markOf(card.cardNumber)).through === n, 'the mark to move after the copy');
    await k.page.context().close();
  });

  it('remembered only after «Да»: greeted by name with the settings on the next scan; «Забыть меня» at another kiosk, and the first kiosk’s next pull forgets too', async () => {
    const card = suite.server.passbookCard(2);
    const { rows: [holder] } = await suite.server.db.query<{ name: string }>('SELECT short_name AS name FROM customers WHERE card_number = $1', [card.cardNumber]);
    const a = await suite.openKiosk();
    // Not known: no name, the offer once.
    await a.tap('size'); // large text for this visit
    await a.scan(card.scan);
    await a.waitForScreen('passbook');
    await expect(a.page.locator('.screen-title').textContent()).resolves.toBe('Ваша сберкнижка');
    expect(await a.page.content()).not.toContain(holder!.name);
    // The offer comes after the printout (or after the book, when there is nothing new), on a screen of its own.
    await a.tap((await a.page.getByTestId('passbook-print').count()) ? 'passbook-print' : 'passbook-next');
    await a.page.locator('main[data-screen="passbook-done"], main[data-screen="passbook-remember"]').waitFor();
    if (await a.page.locator('main[data-screen="passbook-done"]').count()) await a.tap('passbook-next');
    await a.waitForScreen('passbook-remember');
    await a.page.getByTestId('remember-offer').getByText('Запомнить ваш размер текста, контраст, голос и язык? Тогда в следующий раз мы поздороваемся с вами по имени.').waitFor();
    await a.shot('passbook-offer-ru');
    expect(await axeFindings(a.page)).toEqual({ violations: [], incomplete: [] });
    await a.tap('remember-yes');
    await a.page.getByTestId('remembered').waitFor();
    const stored = async () => (await suite.server.db.query<{ preferences: { large: boolean } | null; version: string | null }>(
      'SELECT preferences, consent_version AS version FROM customers WHERE card_number = $1', [card.cardNumber])).rows[0]!;
    await eventually(async () => (await stored()).preferences !== null, 'the consent to reach the server');
    expect(await stored()).toMatchObject({ preferences: { large: true, lang: 'ru' }, version: '2026-11' });
    await a.tap('finish');
    await a.waitForScreen('welcome');
    // Nothing of the visit stays (the page's settings are reset as the welcome screen renders: under load a moment later).
    await eventually(async () => (await a.page.evaluate(() => document.documentElement.dataset['size'])) === 'normal', 'the visit’s text size to be forgotten');

    // The next scan greets them by name and applies their settings for this visit only.
    await a.scan(card.scan);
    await a.waitForScreen('passbook');
    await expect(a.page.locator('.screen-title').textContent()).resolves.toBe(`Здравствуйте, ${holder!.name}!`);
    await eventually(async () => (await a.page.evaluate(() => document.documentElement.dataset['size'])) === 'large', 'the remembered text size');
    await a.shot('passbook-greeted-ru');
    await a.tap('cancel');

    // At another kiosk (its own pull brought the holding): greeted too; «Забыть меня».
    const b = await suite.openKiosk();
    await b.scan(card.scan);
    await b.waitForScreen('passbook');
    await expect(b.page.locator('.screen-title').textContent()).resolves.toBe(`Здравствуйте, ${holder!.name}!`);
    // «Забыть меня» after the book (nothing new to print now), on the question's screen.
    await b.tap('passbook-next');
    await b.waitForScreen('passbook-remember');
    await b.shot('passbook-known-ru');
    await b.tap('forget-me');
    await b.page.getByTestId('forgotten').getByText('Мы вас забыли: настройки и согласие удалены на всех киосках.').waitFor();
    await b.shot('passbook-forgotten-ru');
    await eventually(async () => (await stored()).preferences === null, 'the erasure to reach the server');
    expect(await stored()).toEqual({ preferences: null, version: null });

    // The first kiosk's next pull: a stranger again.
    await a.page.evaluate(() => window.dispatchEvent(new Event('online')));
    await eventually(async () => {
      await a.scan(card.scan);
      await a.waitForScreen('passbook');
      const title = await a.page.locator('.screen-title').textContent();
      if (title !== 'Ваша сберкнижка') { await a.tap('cancel'); await a.page.evaluate(() => window.dispatchEvent(new Event('online'))); }
      return title === 'Ваша сберкнижка';
    }, 'the first kiosk to forget the holder');
    await a.tap('passbook-next');
    await a.page.getByTestId('remember-offer').waitFor();
    await a.page.context().close();
    await b.page.context().close();
  });

  it('staff issue a card from the pack at the tablet; its book reaches the kiosk; a lost card is replaced and the old one stops working', async () => {
    // Blank cards from the branch's pack: a number with its check digit, a secret in the code.
    const blank = { secret: 'Q9XW4P3RT6YAK7M2' };
    const cardNumber = `299100000999${ean13CheckDigit('299100000999')}`;
    const { context, tablet } = await suite.openTablet({ employeeNo: '1002', pin: '1357' });
    // The kiosk is up and idle before the card is issued: it learns of it from the server, not from a later round.
    const k = await suite.openKiosk();
    await k.waitForSync();
    await tablet.getByTestId('tab-branch').click();
    await tablet.getByTestId('branch-cards').click();
    const cards = tablet.getByTestId('cards');
    // A full name is refused, and no card goes without the customer's consent.
    await cards.getByTestId('card-code').fill(`${cardNumber}-${blank.secret}`);
    await cards.getByTestId('card-name').fill('Пётр Сергеевич Смирнов');
    await cards.getByTestId('card-issue').click();
    await cards.getByTestId('card-note').getByText('Только имя и первая буква фамилии с точкой: «Иван П.». Полное имя не храним.').waitFor();
    await cards.getByTestId('card-name').fill('Пётр С.');
    await cards.getByTestId('card-issue').click();
    await cards.getByTestId('card-note').getByText('Без согласия клиента карту не выдаём.').waitFor();
    await cards.getByTestId('card-consent').check();
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-cards-ru.png`, fullPage: true });
    expect(await tabletFindings(tablet)).toEqual({ violations: [], incomplete: [], small: [] });
    // The card holders the kiosk holds, counted in its own store (IndexedDB).
    const kioskBooks = () => k.page.evaluate(() => new Promise<number>((resolve, reject) => {
      const open = indexedDB.open('okno-kiosk');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const count = open.result.transaction('passbooks').objectStore('passbooks').count();
        count.onsuccess = () => { resolve(count.result); open.result.close(); };
      };
    }));
    const before = await kioskBooks();
    await cards.getByTestId('card-issue').click();
    await cards.getByTestId('card-note').getByText(`Карта •••• ${cardNumber.slice(-4)} выдана. Записи появятся на киосках после связи с сервером.`).waitFor();
    const holder = async (n: string) => (await suite.server.db.query<{ name: string }>('SELECT short_name AS name FROM customers WHERE card_number = $1', [n])).rows;
    await eventually(async () => (await holder(cardNumber)).length === 1, 'the new holder to reach the server');
    const issued = Date.now();
    // The kiosk is told to pull at once (the event stream), not at its next 30-second round.
    await eventually(async () => (await kioskBooks()) === before + 1, 'the kiosk to hold the new card', 2_000);
    expect(Date.now() - issued).toBeLessThan(2_000);
    await suite.server.addLedgerEntries(cardNumber, [{ id: crypto.randomUUID(), postedAt: new Date().toISOString(), textRu: 'Взнос наличными', textEn: 'Cash deposit', amountKopecks: 1_000_000 }]);
    // The back office's entry reaches the kiosk within 2 s too.
    await new Promise((r) => setTimeout(r, 2_000));
    await k.scan(`${cardNumber}-${blank.secret}`);
    await k.waitForScreen('passbook');
    await expect(k.page.getByTestId('passbook-summary').textContent()).resolves.toMatch(/^У вас 1 новая запись с \d+ [а-я]+\. Остаток 10\u00a0000,00\u00a0₽\.$/);
    await k.tap('cancel');

    // The card is lost: a new one from the pack continues the same book; the old one opens
    // nothing. Only a supervisor moves a book, and not on a card number alone.
    expect(await cards.getByTestId('card-replaces').count()).toBe(0);
    const { context: supervisorContext, tablet: supervisorTablet } = await suite.openTablet();
    await supervisorTablet.getByTestId('tab-branch').click();
    await supervisorTablet.getByTestId('branch-cards').click();
    const desk = supervisorTablet.getByTestId('cards');
    const secondNumber = `299100000888${ean13CheckDigit('299100000888')}`;
    await desk.getByTestId('card-code').fill(`${secondNumber}-${blank.secret}`);
    await desk.getByTestId('card-name').fill('Пётр С.');
    await desk.getByTestId('card-consent').check();
    await desk.getByTestId('card-replaces').fill(cardNumber);
    await desk.getByTestId('card-issue').click();
    await desk.getByTestId('card-note').getByText('Отсканируйте старую карту клиента или отметьте, что она утеряна.').waitFor();
    await desk.getByTestId('card-replaces-lost').check();
    await supervisorTablet.screenshot({ path: `${SCREENSHOTS}/tablet-card-replace-ru.png`, fullPage: true });
    await desk.getByTestId('card-issue').click();
    await eventually(async () => (await holder(secondNumber)).length === 1, 'the successor card to reach the server');
    expect(await holder(cardNumber)).toEqual([]);
    // Within 2 s the kiosk refuses the lost card: it was told to pull.
    await new Promise((r) => setTimeout(r, 2_000));
    await k.scan(`${cardNumber}-${blank.secret}`);
    await k.page.locator('[data-testid="passbook-error"][data-error="unknown"]').waitFor();
    await k.tap('cancel');
    await k.scan(`${secondNumber}-${blank.secret}`);
    await k.waitForScreen('passbook');
    await expect(k.page.getByTestId('passbook-summary').textContent()).resolves.toMatch(/^У вас 1 новая запись/);
    await k.page.context().close();
    await supervisorContext.close();
    await context.close();
  });
});
