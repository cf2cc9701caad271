import { useEffect, useRef, useState } from 'react';
import { formatMoney, multiplyKopecks } from '../../shared/domain/money';
import type { Order } from '../../shared/protocol';
import { useServices } from '../app/services';
import { itemNames } from '../db/item-names';
import { Button } from '../ui/Button';
import { useKiosk } from './kiosk-context';
import { useFit } from './use-fit';

export type Line = { key: string; name: string; qty: number; priceKopecks: number };

/** The order's goods in large type, in pages when they do not all fit, then the total and whether it is paid. */
export function OrderLines({ order }: { order: Order }) {
  const { session } = useKiosk();
  const lang = session.prefs.lang;
  const { db } = useServices();
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => { void itemNames(db, order.items, lang).then(setNames); }, [db, order, lang]);
  const lines = order.items.map((item) => ({ key: item.sku, name: names.get(item.sku) ?? item.name, qty: item.quantity, priceKopecks: item.priceKopecks }));
  return <ItemLines lines={lines} totalKopecks={order.totalKopecks} paid={order.paid} testId="total" />;
}

/**
 * Lines of goods: name, quantity and sum; as many as fit on the screen, the rest a large
 * button away («Ещё ▶»), with where the customer is («Товары 1–3 из 7»). The pages' buttons,
 * the total and the payment's state stay at the bottom, within reach, on every page.
 */
export function ItemLines({ lines, totalKopecks, paid, testId }: { lines: Line[]; totalKopecks: number; paid: boolean | null; testId: string }) {
  const { session, t } = useKiosk();
  const { lang, large } = session.prefs;
  const box = useRef<HTMLUListElement>(null);
  const perPage = useFit(box, lines.length, `${lang}-${large}`);
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(lines.length / perPage));
  const shown = Math.min(page, pages - 1);
  const from = shown * perPage;
  return (
    <div className="order-lines">
      <ul className="items" ref={box} data-testid="items">
        {lines.slice(from, from + perPage).map((line) => (
          <li key={line.key} className="item">
            <span className="item-name">{line.name}</span>
            <span className="item-qty">{line.qty} × {formatMoney(line.priceKopecks, lang)}</span>
            <span className="item-sum">{formatMoney(multiplyKopecks(line.priceKopecks, line.qty), lang)}</span>
          </li>
        ))}
      </ul>
      {pages > 1 && (
        <div className="pager" data-testid="pager">
          <p className="pager-where" data-testid="pager-where">{t.itemsShown(from + 1, Math.min(from + perPage, lines.length), lines.length)}</p>
          <Button testId="items-back" onClick={() => setPage(Math.max(0, shown - 1))}>{t.itemsBack}</Button>
          <Button testId="items-next" onClick={() => setPage(Math.min(pages - 1, shown + 1))}>{t.itemsNext}</Button>
        </div>
      )}
      <div className="total">
        <span>{t.orderTotal}</span>
        <span className="money" data-testid={testId}>{formatMoney(totalKopecks, lang)}</span>
        {paid !== null && <PaidBadge paid={paid} />}
      </div>
    </div>
  );
}

/** Paid or not, as a badge: an icon, a colour and the word (never the colour alone). */
export function PaidBadge({ paid }: { paid: boolean }) {
  const { t } = useKiosk();
  return (
    <span className={`badge ${paid ? 'badge-paid' : 'badge-due'}`} data-testid="paid" data-paid={String(paid)}>
      <svg className="badge-icon" width="40" height="40" viewBox="0 0 40 40" aria-hidden="true" focusable="false">
        {paid ? <path d="M8 21l8 8l16-18" /> : <path d="M20 8v16M20 30v3" />}
      </svg>
      {paid ? t.orderPaid : t.orderNotPaid}
    </span>
  );
}
