import type { Lang } from '../../shared/domain/money';
import type { OrderPickedUpPayload } from '../../shared/protocol';
import type { HostBridge, PrintProblem } from '../bridge/host-bridge';
import type { ReceiptRow } from '../db/kiosk-db';
import type { LocalChanges } from '../db/local-changes';
import { recordPickup } from '../db/pickup-repo';

export type HandOverOutcome =
  | { ok: true; receipt: ReceiptRow; printProblem: PrintProblem | null }
  // picked-up / cancelled / unknown-order: the order changed since it was shown (another
  // window, a pull); failed: the device could not record it (storage full, a bug): nothing
  // was recorded or printed, and the customer may try again or ask staff.
  | { ok: false; code: 'picked-up' | 'cancelled' | 'unknown-order' | 'failed' };

/**
 * A pickup order handed over, wherever it happens (the kiosk's summary screen, or a staff
 * tablet after an ID check, with the staff session): the handover and its queued transaction commit first (the unit of
 * work wakes the sync loop and tells other windows), then the receipt and warranty slips
 * print. Every outcome is a value; nothing here throws at a screen.
 */
export async function handOver(
  deps: { changes: LocalChanges; host: Pick<HostBridge, 'print'> },
  input: { code: string; verifiedBy: OrderPickedUpPayload['verifiedBy']; staffSessionId?: string; lang: Lang; now?: Date },
): Promise<HandOverOutcome> {
  let recorded;
  try {
    recorded = await recordPickup(deps.changes, { ...input, now: input.now ?? deps.changes.now() });
  } catch (error) {
    console.error('the handover could not be recorded on this device', error);
    return { ok: false, code: 'failed' };
  }
  if (!recorded.ok) return recorded;
  const { receipt } = recorded;
  const printed = await deps.host.print([receipt.document, ...receipt.warranties]);
  // Never resent by itself: the device reports it, and staff print a КОПИЯ (a tablet's back office).
  if (!printed.ok) await deps.changes.db.receipts.update(receipt.number, { printProblem: printed.code }).catch(() => undefined);
  return { ok: true, receipt, printProblem: printed.ok ? null : printed.code };
}
