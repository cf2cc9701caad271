import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPrinterCli } from '../../../electron/printer/cli';
import { decodeEscPos, EPSON_CODE_PAGES } from '../../fakes/escpos-decoder';
import { simPrinterServer, type SimPrinterServer } from '../../fakes/sim-printer-server';

/** The installer's CLI, in-process, against the simulated printer on TCP. */
describe('npm run printer', () => {
  let net: SimPrinterServer;
  let address = '';
  beforeAll(async () => {
    net = await simPrinterServer();
    address = `tcp:127.0.0.1:${net.port}`;
  });
  afterAll(() => net.close());
  const lines = () => net.paperLines();

  it('prints the self-test slip and says so', async () => {
    const result = await runPrinterCli(['selftest', '--transport', address, '--model', 'epson-tm-t88vi']);
    expect(result).toEqual({ code: 0, message: `printed the self-test slip on ${address} (Epson TM-T88VI, 42 columns)` });
    expect(lines()).toEqual(expect.arrayContaining(['ПРОВЕРКА ПРИНТЕРА', 'АБВГДЕЁЖЗИЙКЛМНОП', 'рстуфхцчшщъыьэюя']));
  });

  it('prints a sample warranty slip in English at 32 columns', async () => {
    expect((await runPrinterCli(['sample', 'warranty', '--transport', address, '--columns', '32', '--lang', 'en'])).code).toBe(0);
    expect(lines()).toContain('WARRANTY CARD');
    expect(lines().every((l) => l.length <= 32)).toBe(true);
  });

  it('says in words that the paper is out, and exits 1', async () => {
    net.printer.faults.paperOut = true;
    expect(await runPrinterCli(['sample', 'receipt', '--transport', address])).toEqual({ code: 1, message: 'not printed: the printer is out of paper: change the roll' });
    net.printer.faults.paperOut = false;
  });

  it.each([
    [['selftest'], /--transport is required/],
    [['sample', 'menu', '--transport', 'file:x'], /usage: npm run printer/],
    [['selftest', '--transport', 'file:x', '--columns', '40'], /--columns must be 32, 42 or 48/],
  ])('%j is refused with exit 2 and what was expected', async (argv, message) => {
    const result = await runPrinterCli(argv);
    expect(result.code).toBe(2);
    expect(result.message).toMatch(message);
  });

  it('writes to a file for checking a layout without a printer', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'okno-cli-')), 'passbook.bin');
    expect((await runPrinterCli(['sample', 'passbook', '--transport', `file:${path}`])).code).toBe(0);
    const text = decodeEscPos(new Uint8Array(readFileSync(path)), EPSON_CODE_PAGES).flatMap((l) => (l.kind === 'text' ? [l.text] : []));
    expect(text.join('\n')).toContain('ВЫПИСКА ПО СЧЁТУ');
  });
});
