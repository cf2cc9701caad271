import { formatOrderCode } from '../../shared/domain/order-code';
import { useKiosk } from './kiosk-context';

/**
 * The order's code in large type, for a customer sent to the «Окно» desk: the desk finds
 * the order by it on a tablet (which works offline too). It is read off the screen by the
 * customer, never spoken (screen-speech.ts).
 */
export function DeskCode({ orderCode }: { orderCode: string }) {
  const { t } = useKiosk();
  return (
    <p className="desk-code" data-testid="desk-code">
      <span className="desk-code-label">{t.deskCodeLabel}</span>
      <span className="desk-code-digits">{formatOrderCode(orderCode)}</span>
    </p>
  );
}
