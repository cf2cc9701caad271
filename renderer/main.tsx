import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { PaperDocument } from '../shared/documents';
import { App } from './app/App';
import { ServicesContext, type Services } from './app/services';
import { BrowserBridge } from './bridge/browser-bridge';
import { FakeBridge } from './bridge/fake-bridge';
import { KioskDb } from './db/kiosk-db';
import { DocumentView } from './documents/DocumentView';
import { ApiClient } from './sync/api-client';
import { browserLocks } from './sync/locks';
import { SyncEngine } from './sync/sync-engine';
import './ui/kiosk.css';

/** The composition root: it only wires things together. */
const params = new URLSearchParams(location.search);
const enrolCode = params.get('enroll');
if (enrolCode) {
  // The code is single-use: keep it out of the address bar and the history.
  params.delete('enroll');
  history.replaceState(null, '', `${location.pathname}${params.size ? `?${params}` : ''}`);
}

const printRoot = createRoot(document.getElementById('print-area')!);
const renderForPrint = (doc: PaperDocument | null) =>
  flushSync(() => printRoot.render(doc ? <DocumentView document={doc} label="" /> : null));

const host = params.get('host') === 'fake' ? new FakeBridge() : new BrowserBridge(renderForPrint);
// The fake host is for browser tests, which read what was printed and spoken here.
if (host instanceof FakeBridge) Object.assign(window, { oknoFakeHost: host });

const db = new KioskDb();
const api = new ApiClient(location.origin);
const sync = new SyncEngine({ db, api, locks: browserLocks() });
const channel = new BroadcastChannel('okno-outbox');
channel.onmessage = () => { sync.kick(); void sync.refreshCounts(); };
window.addEventListener('online', () => sync.kick());

const services: Services = { db, api, sync, host, announce: () => channel.postMessage('changed') };
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ServicesContext.Provider value={services}>
      <App enrolCode={enrolCode} />
    </ServicesContext.Provider>
  </StrictMode>,
);

// Lets the kiosk open with the server down (see public/sw.js). Browsers allow service
// workers on https and on localhost only; elsewhere this is skipped and says why.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/kiosk/sw.js', { scope: '/kiosk/' }).catch((error: unknown) => {
    console.warn('offline start is not available: the service worker did not register', error);
  });
}
