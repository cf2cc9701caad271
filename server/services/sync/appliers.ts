import type { Queryable } from '../../db/db';
import type { RejectReason, TransactionKind } from '../../../shared/protocol';
import type { DeviceRow } from '../../repositories/device-repo';
import type { Repositories } from '../../repositories';
import type { ApplierMap, Run } from './applier';
import { createAssistanceAccepted } from './assistance-accepted';
import { createAssistanceCancelled, createAssistanceResolved } from './assistance-closed';
import { createAssistanceRequested } from './assistance-requested';
import { createCustomerEnrolled } from './customer-enrolled';
import { createCustomerPreferences } from './customer-preferences';
import { createDocumentReprinted } from './document-reprinted';
import { createOrderPaid } from './order-paid';
import { createOrderPickedUp } from './order-picked-up';
import { createOrderReturned } from './order-returned';
import { createPassbookPrinted } from './passbook-printed';
import { createPickupBrought, createPickupLeft, createPickupWaiting } from './pickup-counter';
import { createRejectionResolved } from './rejection-resolved';
import { createSaleCompleted } from './sale-completed';
import { createSaleRefunded } from './sale-refunded';
import { createStaffSignedOut } from './staff-signed-out';

/** The back office's rules that appliers follow (server settings). */
export type ApplierSettings = {
  /** OKNO_SALE_PRICE_TOLERANCE_PERCENT: how far a sale line's price may be from the catalogue's */
  salePriceTolerancePercent?: number;
};

/** One applier per transaction kind; the type makes a kind without an applier a compile error. */
export function createAppliers(repos: Pick<Repositories, 'orders' | 'assistance' | 'events' | 'pickupWaits' | 'staff' | 'sales' | 'refunds' | 'handovers' | 'customers' | 'rejections' | 'documents' | 'audit'>, settings: ApplierSettings = {}): ApplierMap {
  return {
    'order.pickedUp': createOrderPickedUp(repos),
    'order.paid': createOrderPaid(repos),
    'assistance.requested': createAssistanceRequested(repos),
    'assistance.accepted': createAssistanceAccepted(repos),
    'assistance.resolved': createAssistanceResolved(repos),
    'assistance.cancelled': createAssistanceCancelled(repos),
    'pickup.waiting': createPickupWaiting(repos),
    'pickup.brought': createPickupBrought(repos),
    'pickup.left': createPickupLeft(repos),
    'sale.completed': createSaleCompleted({ ...repos, ...(settings.salePriceTolerancePercent !== undefined ? { priceTolerancePercent: settings.salePriceTolerancePercent } : {}) }),
    'sale.refunded': createSaleRefunded(repos),
    'order.returned': createOrderReturned(repos),
    'rejection.resolved': createRejectionResolved(repos),
    'document.reprinted': createDocumentReprinted(repos),
    'passbook.printed': createPassbookPrinted(repos),
    'customer.preferences': createCustomerPreferences(repos),
    'customer.enrolled': createCustomerEnrolled(repos),
    'staff.signedOut': createStaffSignedOut(repos),
  };
}

/** Hands a run to its kind's applier; the run's kind and payload type travel together. */
export function applyRun<K extends TransactionKind>(appliers: ApplierMap, q: Queryable, device: DeviceRow, run: Run<K> & { kind: K }): Promise<Map<string, RejectReason>> {
  const applier: ApplierMap[K] = appliers[run.kind];
  return applier.apply(q, device, run.txs);
}
