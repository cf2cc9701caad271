import { useEffect, useState } from 'react';
import { formatDateTime } from '../../shared/domain/datetime';
import { formatOrderCode } from '../../shared/domain/order-code';
import type { StaffMessages } from '../../shared/i18n/staff-messages';
import { useStaffText } from './staff-lang';
import { useServices } from '../app/services';
import type { PendingKey } from '../../shared/protocol/transactions/kind';
import type { DeviceIdentity, QuarantineRow } from '../db/kiosk-db';
import { loadKinds } from '../sync/kinds';
import type { SyncStatus } from '../sync/sync-status';

/**
 * This tablet's own state in large print, what sync.md asks staff to see: online, queued
 * count, oldest age, last sync, rejected transactions in plain words.
 */
/** Queued to keep the server's books, not anyone's work: a session's end (the tablet's own sign-out) is not listed to staff. */
const BOOKKEEPING = new Set(['staff.signedOut']);

export function DeviceStatus() {
  const { sync, db, clock } = useServices();
  const { t, lang } = useStaffText();
  const [status, setStatus] = useState<SyncStatus>(sync.getStatus());
  const [identity, setIdentity] = useState<DeviceIdentity | undefined>();
  const [rejected, setRejected] = useState<{ id: string; line: string }[]>([]);
  const [queued, setQueued] = useState<{ id: string; line: string }[]>([]);
  const [now, setNow] = useState(clock.nowMs());
  useEffect(() => sync.subscribe(setStatus), [sync]);
  useEffect(() => { void db.getSetting('identity').then(setIdentity); }, [db]);
  useEffect(() => {
    void (async () => {
      const [rows, kinds] = await Promise.all([db.quarantine.orderBy('seq').reverse().toArray(), loadKinds()]);
      setRejected(rows.map((row) => ({ id: row.id, line: rejectedLine(t, row, kinds.touchedBy(row)[0]) })));
    })();
  }, [db, status.quarantined]);
  // What this tablet did that the server has not heard of yet, oldest first: staff can see
  // their work is kept while the server is away (and after a reload with it away).
  useEffect(() => {
    void (async () => {
      const [rows, kinds] = await Promise.all([db.outbox.orderBy('seq').filter((row) => !BOOKKEEPING.has(row.kind)).limit(20).toArray(), loadKinds()]);
      setQueued(rows.map((row) => ({ id: row.id, line: `${kindLine(t, row.kind, kinds.touchedBy(row)[0])} (${formatDateTime(row.occurredAt, lang)})` })));
    })();
  }, [db, status.queued]);
  useEffect(() => {
    const timer = setInterval(() => setNow(clock.nowMs()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const oldestMinutes = status.oldestQueuedAt === null ? null : Math.max(0, Math.floor((now - status.oldestQueuedAt) / 60_000));
  return (
    <>
        <h2 className="tablet-subtitle">{t.tabletTitle(identity?.deviceCode ?? '')}</h2>
        <p className="tablet-lead">{t.tabletLead}</p>
        <section className="tablet-panel" data-testid="tablet-sync" data-online={String(status.online)}>
          <p className="tablet-big">{status.online === false ? t.tabletOffline : t.tabletOnline}</p>
          {status.problem && <p className="tablet-big" role="alert" data-testid="tablet-sync-problem">{t.tabletSyncProblem(status.problem, status.problemDetail)}</p>}
          <p>{t.tabletQueued(status.queued)}</p>
          {status.waitingForServer > 0 && (
            <div role="status" data-testid="tablet-waiting-for-server">
              <p className="tablet-big">{t.tabletWaitingForServer(status.waitingForServer)}</p>
              <p>{t.tabletWaitingForServerWhy}</p>
            </div>
          )}
          {oldestMinutes !== null && <p>{t.tabletOldest(oldestMinutes)}</p>}
          <p>{status.lastSyncAt ? t.tabletLastSync(formatDateTime(new Date(status.lastSyncAt).toISOString(), lang)) : t.tabletNeverSynced}</p>
        </section>
        <section className="tablet-panel" aria-labelledby="outbox-title">
          <h2 id="outbox-title">{t.tabletOutboxTitle}</h2>
          {queued.length === 0
            ? <p>{t.tabletOutboxNone}</p>
            : <ul data-testid="tablet-outbox">{queued.map((r) => <li key={r.id}>{r.line}</li>)}</ul>}
        </section>
        <section className="tablet-panel" aria-labelledby="rejected-title">
          <h2 id="rejected-title">{t.tabletRejectedTitle}</h2>
          {rejected.length === 0
            ? <p>{t.tabletRejectedNone}</p>
            : <ul data-testid="tablet-rejected">{rejected.map((r) => <li key={r.id}>{r.line}</li>)}</ul>}
        </section>
    </>
  );
}

/** "Выдача заказа 4711 0004: магазин отменил заказ": what staff need to find it, from the kind's descriptor. */
function rejectedLine(t: StaffMessages, row: QuarantineRow, touched: PendingKey | undefined): string {
  const [kind, key] = kindAndKey(t, row.kind, touched);
  return t.tabletRejected(kind, key, t.rejectReason(row.reason));
}

/** "Выдача заказа 4711 0004": a queued transaction in words. */
function kindLine(t: StaffMessages, kind: string, touched: PendingKey | undefined): string {
  const [name, key] = kindAndKey(t, kind, touched);
  return key ? `${name} ${key}` : name;
}

function kindAndKey(t: StaffMessages, kind: string, touched: PendingKey | undefined): [string, string] {
  const key = touched?.entity === 'order' ? formatOrderCode(touched.key) : (touched?.key ?? '');
  const name = ({ 'order.pickedUp': t.kindPickup, 'sale.completed': t.kindSale, 'sale.refunded': t.kindRefund, 'order.returned': t.kindText(kind) } as Record<string, string>)[kind] ?? t.auditAction(kind);
  return [name, key];
}
