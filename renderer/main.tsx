import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { PaperDocument } from '../shared/documents';
import type { OknoApi } from '../shared/protocol/ipc';
import { App } from './app/App';
import { ServicesContext, type Services } from './app/services';
import { BrowserBridge } from './bridge/browser-bridge';
import { ElectronBridge } from './bridge/electron-bridge';
import { FakeBridge } from './bridge/fake-bridge';
import type { HostBridge } from './bridge/host-bridge';
import { IdentityStore } from './db/identity-store';
import { KioskDb } from './db/kiosk-db';
import { LocalChanges } from './db/local-changes';
import { DEFAULT_IDLE } from './kiosk/use-idle';
import { applyPanel, DEFAULT_PANEL, panelFromAddress } from './app/panel';
import { DocumentView } from './documents/DocumentView';
import { ApiClient } from './sync/api-client';
import { browserLocks } from './sync/locks';
import { LiveEvents } from './sync/live-events';
import { KIOSK_EVENTS, PULL_NOW_EVENT } from '../shared/protocol/event-names';
import { SyncEngine } from './sync/sync-engine';
import { DeviceClock } from './sync/clock';
import { StaffKeys } from './hashing/staff-proof';
import { DeviceReporter } from './sync/device-report';
import './ui/kiosk.css';

import { missingCapabilities } from './app/capabilities';
import { InstallerScreen } from './app/InstallerScreen';
import { browserServerUrl } from './app/server-url';

/** localStorage, or null where the browser refuses it (a locked-down profile). */
function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

// A page that cannot keep its promises (no secure context, no IndexedDB, Web Locks or
// WebCrypto) says so to the installer once, instead of queueing work it cannot protect
// and failing without a word.
const missing = missingCapabilities(window);
if (missing.length > 0) {
  console.error(`okno cannot work on this page: ${missing.join(', ')}`);
  createRoot(document.getElementById('root')!).render(<InstallerScreen missing={missing} pageUrl={location.href} />);
} else {
  await start();
}

/** The composition root: it only wires things together. */
async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const enrolCode = params.get('enroll');
  if (enrolCode) {
    // The code is single-use: keep it out of the address bar and the history.
    params.delete('enroll');
    history.replaceState(null, '', `${location.pathname}${params.size ? `?${params}` : ''}`);
  }

  const printRoot = createRoot(document.getElementById('print-area')!);
  const renderForPrint = (documents: PaperDocument[]) =>
    flushSync(() => printRoot.render(documents.map((doc) => <DocumentView key={doc.id} document={doc} label="" />)));

  // Electron's preload exposes `window.okno`; a plain browser has none.
  const okno = (window as { okno?: OknoApi }).okno;
  const host: HostBridge = okno ? new ElectronBridge(okno) : testHost() ?? new BrowserBridge(renderForPrint);

  /**
   * The fake host (`?host=fake`), which browser tests read prints and speech from, exists
   * only in the test build (`buildKiosk({ testHosts: true })`, mode "test"). In a kiosk's
   * build the condition is false when bundling, so the switch is dead code and the fake's
   * module is dropped with it (test/e2e/roles.test.ts reads the build to be sure).
   */
  function testHost(): HostBridge | null {
    if (import.meta.env.MODE !== 'test' || params.get('host') !== 'fake') return null;
    const fake = new FakeBridge({ voiceless: params.get('speech') === 'none' });
    Object.assign(window, { oknoFakeHost: fake });
    return fake;
  }

  // In Electron the page comes from app://kiosk and its server is configured; in a browser
  // the server is the page's own origin, or the one a page served elsewhere was opened with.
  const device = okno ? await okno.deviceInfo({}) : null;
  const serverUrl = device?.serverUrl ?? browserServerUrl(params, localStorageOrNull(), location.origin);
  if (params.has('server')) {
    params.delete('server');
    history.replaceState(null, '', `${location.pathname}${params.size ? `?${params}` : ''}`);
  }
  const db = new KioskDb();
  const identity = new IdentityStore(db, host.vault);
  // The server's time, learned from every answer: what changes are stamped with and every
  // rule compares, whatever this device's own clock says.
  const clock = new DeviceClock(db);
  await clock.load();
  const staffKeys = new StaffKeys();
  const apiEvents = new EventTarget();
  const api = new ApiClient(serverUrl.replace(/\/$/, ''), undefined, {
    serverTime: (server, sent, received) => clock.learn(server, sent, received),
    staffRefused: (code) => apiEvents.dispatchEvent(new CustomEvent('staff-refused', { detail: code })),
  });
  // The last day's documents the printer did not confirm, newest first (a КОПИЯ is staff's to print).
  const reporter = new DeviceReporter(api, async () => (await db.receipts.where('createdAt').above(clock.nowMs() - 86_400_000).reverse().toArray())
    .flatMap((r) => (r.printProblem ? [{ number: r.number, problem: r.printProblem }] : [])).slice(0, 20), () => clock.nowMs());
  host.onPrinterStatus((status) => reporter.printerChanged(status));
  const sync = new SyncEngine({ db, api, identity, locks: browserLocks(), now: () => clock.nowMs(), afterRound: (token, status) => reporter.report(token, status) });
  const channel = new BroadcastChannel('okno-outbox');
  channel.onmessage = () => { sync.kick(); void sync.refreshCounts(); };
  window.addEventListener('online', () => sync.kick());
  // After a local change commits: sync now, and tell this kiosk's other windows.
  const changes = new LocalChanges(db, () => {
    sync.kick();
    void sync.refreshCounts();
    channel.postMessage('changed');
  }, clock, (sessionId, message) => staffKeys.sign(sessionId, message));

  // A kiosk hears the events addressed to it: who accepted its call for help, the pickup counter.
  const live = new LiveEvents(serverUrl.replace(/\/$/, ''), KIOSK_EVENTS, {
    ticket: async () => { const id = await identity.get(); return id ? api.eventTicket(id.token) : null; },
    open: (url) => new EventSource(url),
  });

  // Something the kiosk pulls changed on the server (a card issued or blocked, «Забыть
  // меня», an order the shop cancelled): pull now, and once more a moment later (on
  // PostgreSQL a pull shows a change once every older okno writer has ended: pull-service.ts).
  live.subscribe((event) => {
    if (event.name !== PULL_NOW_EVENT) return;
    sync.kick();
    setTimeout(() => sync.kick(), 1_500);
  });

  const panel = device?.panel ?? (import.meta.env.MODE === 'test' ? panelFromAddress(params) : null) ?? DEFAULT_PANEL;
  applyPanel(panel);
  const services: Services = { db, identity, api, sync, host, changes, live, clock, staffKeys, apiEvents, reporter, idle: device?.idle ?? DEFAULT_IDLE, panel };
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ServicesContext.Provider value={services}>
        <App enrolCode={enrolCode} />
      </ServicesContext.Provider>
    </StrictMode>,
  );

  // Lets a browser kiosk or tablet open with the server down (see public/sw.js). Browsers allow service
  // workers on https and on localhost only; elsewhere this is skipped and says why. Electron
  // serves the app from its own files and needs none.
  if (!okno && 'serviceWorker' in navigator) {
    // The kiosk's page and the tablet's (/staff/) each have theirs, for their own address.
    const shell = location.pathname.startsWith('/staff/') ? '/staff/' : '/kiosk/';
    navigator.serviceWorker.register(`${shell}sw.js`, { scope: shell }).then(async () => {
      const ready = await navigator.serviceWorker.ready;
      const keep = performance.getEntriesByType('resource').map((e) => e.name).filter((u) => u.includes('/kiosk/assets/'));
      ready.active?.postMessage({ keep });
    }).catch((error: unknown) => {
      console.warn('offline start is not available: the service worker did not register', error);
    });
  }
}
