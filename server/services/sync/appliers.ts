import type { TransactionKind } from '../../../shared/protocol';
import type { Applier } from './applier';
import { orderPickedUp } from './order-picked-up';

/** One applier per transaction kind; the type makes a kind without an applier a compile error. */
export const APPLIERS: { [K in TransactionKind]: Applier<never> } = {
  'order.pickedUp': orderPickedUp as Applier<never>,
};
