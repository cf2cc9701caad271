/**
 * `npm start`: the one command a newcomer runs. Migrates, loads the demo branch on first
 * run, starts the server and prints what to open or try next.
 */
import { loadServerConfig, type ServerConfig } from '../server/config';
import { lanAddresses, lanCertificate } from '../server/local/lan-certificate';
import { closeOnSignals, startServer } from '../server/main';
import { seedDemo } from '../server/seed/seed-demo';
import { DEMO_STAFF, demoData } from '../server/seed/demo-data';
import { formatOrderCode } from '../shared/domain/order-code';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT, buildKiosk } from './build-kiosk';
import { writeDemoSlips } from './demo-slips';
import { buildElectron } from './build-electron';
import { findElectronBinary } from './electron-binary';

/**
 * `npm start -- --lan`: the demo on this machine's LAN address over HTTPS, so a real tablet
 * on the same Wi-Fi can try it (a page on a LAN address over plain HTTP gets no WebCrypto,
 * Web Locks or service worker). The certificate is self-signed and kept in the data folder.
 * HOST still wins, so a test can keep it on 127.0.0.1.
 */
async function lanSettings(config: ServerConfig): Promise<{ config: ServerConfig; hosts: string[]; fingerprint: string } | null> {
  if (!process.argv.slice(2).includes('--lan')) return null;
  const cert = await lanCertificate(config.dataDir);
  const host = process.env.HOST ? config.host : '0.0.0.0';
  const hosts = host === '0.0.0.0' ? lanAddresses() : [host];
  return { config: { ...config, host, tls: { certFile: cert.certFile, keyFile: cert.keyFile } }, hosts, fingerprint: cert.fingerprint };
}

async function main() {
  const lan = await lanSettings(loadServerConfig());
  const config = lan?.config ?? loadServerConfig();
  // OKNO_SKIP_KIOSK_BUILD: for the test of npm start, which runs beside the browser tests.
  if (!process.env.OKNO_SKIP_KIOSK_BUILD) {
    console.log('Building the kiosk screens (dist/kiosk)…');
    await buildKiosk({ quiet: true });
  }
  const running = await startServer(config, { logger: false });
  closeOnSignals(running);
  // The links name an address a tablet can reach, not 0.0.0.0.
  const server = lan ? { ...running, url: running.url.replace(/\/\/[^:/]+/, `//${lan.hosts[0] ?? '127.0.0.1'}`) } : running;
  const { created } = await seedDemo(server.db, server.services);
  const { rows } = await server.db.query<{ code: string }>("SELECT code FROM pickup_orders WHERE status = 'ready' ORDER BY code LIMIT 200");
  const ready = new Set(rows.map((r) => r.code));
  // Paid orders go straight to the handover; an unpaid one shows the desk's payment; a card, the passbook.
  const readyOrders = demoData().orders.filter((o) => ready.has(o.code));
  const samples = [...readyOrders.filter((o) => o.input.paid).slice(0, 3), ...readyOrders.filter((o) => !o.input.paid).slice(0, 1)];
  const card = demoData().customers[0];
  const enroll = await server.services.enrollment.createCode({ branchCode: 'MSK1', role: 'kiosk', place: 'у входа' });
  const tablet = await server.services.enrollment.createCode({ branchCode: 'MSK1', role: 'tablet' });
  const slips = writeDemoSlips(config.dataDir, demoData().orders.filter((o) => ready.has(o.code)), demoData().customers);
  const electron = findElectronBinary(ROOT);
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  console.log(`
okno central server is running at ${server.url}   (data: ${where}${created ? ', demo data just loaded' : ''})

  ${electron.found ? `The Electron kiosk is starting (its paper goes to ${join(config.dataDir, 'kiosk-paper.bin')}). Or open it in a browser:` : 'Open the kiosk (this link enrols it as a demo kiosk, once):'}
    ${server.url}/kiosk/?enroll=${enroll.code}
  ${electron.found ? '' : `${electron.reason}, so the kiosk is served to a browser instead of the Electron shell.`}

  Open the staff tablet in another window (this link enrols it as a demo tablet, once):
    ${server.url}/staff/?enroll=${tablet.code}
  Demo staff (employee number / PIN): ${DEMO_STAFF.map((s) => `${s.employeeNo} / ${s.pin} ${s.name.split(' ')[0]} (${s.role})`).join(', ')}

${lan ? `  On the LAN (HTTPS, a self-signed certificate made for this machine):
${lan.hosts.map((h) => `    ${server.url.replace(/\/\/[^:/]+/, `//${h}`)}/staff/`).join('\n')}
  A tablet warns about the certificate once: check its SHA-256 fingerprint is
    ${lan.fingerprint}
  and accept it (docs/operations.md, "HTTPS", says how a branch's tablets trust a certificate for good).

` : ''}  Health:        ${server.url}/healthz   Ready: ${server.url}/readyz
  API document:  ${server.url}/api/openapi.json

  Demo branch MSK1 «Электроника на Садовой». Ready pickup orders to try (code / last 4 phone digits):
${samples.map((o) => `    ${formatOrderCode(o.code)}   ${o.phoneLast4}   ${o.input.items.length} item(s), ${o.input.paid ? 'paid' : 'to pay at the desk (the tablet takes the payment)'}`).join('\n')}
${card ? `  A passbook card to scan at the kiosk (its code carries a secret; typed, the number alone opens nothing):
    ${card.cardNumber}-${card.scanSecret}   (${card.shortName.split(' ')[0]}'s book)
` : ''}
  Order slips and passbook cards with scannable codes (open it on a phone or print it, and scan at the kiosk):
    ${slips}
    A QR code holds the order code and a secret, e.g. ${samples[0] ? `${samples[0].code}-${samples[0].scanSecret}` : '<code>-<secret>'}: a scan needs no phone digits.

  More kiosks, while this runs, in a second terminal: npm run server -- enroll-code --place "у кассы"
    (then open ${server.url}/kiosk/?enroll=<code>)
  The API by hand:
    curl -s -X POST ${server.url}/api/v1/devices/enroll -H 'content-type: application/json' -d '{"code":"<code>"}'
    curl -s ${server.url}/api/v1/sync/pull -H 'authorization: Bearer <token>'

  More: npm run server -- --help     Stop: Ctrl+C
`);
  if (electron.found) {
    const kioskEnrol = await server.services.enrollment.createCode({ branchCode: 'MSK1', role: 'kiosk' });
    await startElectronKiosk(electron.path, server.url, config.dataDir, kioskEnrol.code);
  }
}

/**
 * A developer's machine with Electron's binary: the real kiosk shell, configured for this
 * server, printing to a file (no printer on a desk), enrolled with a fresh demo code.
 */
async function startElectronKiosk(binary: string, serverUrl: string, dataDir: string, enrolCode: string) {
  await buildElectron();
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const configPath = join(dir, 'kiosk-dev.json');
  writeFileSync(configPath, `${JSON.stringify({
    serverUrl,
    printer: { transport: `file:${join(dir, 'kiosk-paper.bin')}`, model: 'epson-tm-t20iii' },
    // A developer's desktop may have no keyring daemon; a kiosk PC must (docs/operations.md).
    security: { allowPlainTextKeyring: true },
  }, null, 2)}\n`);
  const child = spawn(binary, [ROOT], { stdio: 'inherit', env: { ...process.env, OKNO_CONFIG: configPath, OKNO_ENROLL_CODE: enrolCode } });
  child.on('exit', (code) => console.log(`The Electron kiosk closed (exit ${code ?? 'signal'}); the server keeps running.`));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error && error.name === 'ConfigError' ? `okno: ${error.message}` : error);
  process.exit(1);
});
