import type { Capability } from './capabilities';

/**
 * The one screen for the installer when the page cannot work where it was opened: what is
 * wrong and what to do, in Russian and English at once (nobody has chosen a language yet),
 * with the HTTPS address to try. Nothing else runs: no sync, no outbox, nothing to lose.
 */
const WHAT: Record<Capability, { ru: string; en: string }> = {
  'secure-context': { ru: 'страница открыта не по HTTPS (небезопасное соединение)', en: 'the page is not opened over HTTPS (not a secure context)' },
  indexeddb: { ru: 'браузер не даёт хранилище IndexedDB (частный режим?)', en: 'the browser gives no IndexedDB storage (private mode?)' },
  'web-locks': { ru: 'нет Web Locks', en: 'no Web Locks' },
  webcrypto: { ru: 'нет WebCrypto (crypto.subtle)', en: 'no WebCrypto (crypto.subtle)' },
};

export function InstallerScreen({ missing, pageUrl }: { missing: Capability[]; pageUrl: string }) {
  const https = httpsAddress(pageUrl);
  return (
    <main className="installer" data-screen="installer" data-missing={missing.join(' ')}>
      <h1>Окно не может работать на этой странице</h1>
      <p lang="en" className="installer-en">okno cannot work on this page</p>
      <h2>Что не так <span lang="en">· What is wrong</span></h2>
      <ul>
        {missing.map((m) => (
          <li key={m}>{WHAT[m].ru} <span lang="en">· {WHAT[m].en}</span></li>
        ))}
      </ul>
      <h2>Что сделать <span lang="en">· What to do</span></h2>
      <p>
        Откройте окно по HTTPS{https ? <>: <a href={https} data-testid="https-link">{https}</a></> : ''}. Устройства филиала должны доверять
        сертификату сервера: как это настроить, написано в docs/operations.md, раздел «HTTPS». Ничего не сохранено и не потеряно.
      </p>
      <p lang="en" className="installer-en">
        Open okno over HTTPS{https ? ` (${https})` : ''}. The branch’s devices must trust the server’s certificate: docs/operations.md,
        section “HTTPS”, says how. Nothing was stored and nothing is lost.
      </p>
    </main>
  );
}

/**
 * Where the same page most likely is over HTTPS: the same name on the standard port, as
 * deploy/Caddyfile serves it (a plain-HTTP port such as 8080 does not speak TLS).
 */
function httpsAddress(pageUrl: string): string | null {
  const url = new URL(pageUrl);
  if (url.protocol !== 'http:') return null;
  return `https://${url.hostname}${url.pathname}`;
}
