import type { PickupBroughtPayload, PickupLeftPayload, PickupWaitingPayload, RejectReason } from '../../../shared/protocol';
import type { EventRepo, EventToAppend } from '../../repositories/event-repo';
import type { Queryable } from '../../db/db';
import type { PickupWaitRepo, WaitingOrder } from '../../repositories/pickup-wait-repo';
import type { StaffRepo } from '../../repositories/staff-repo';
import type { Applier } from './applier';
import { firstName } from './assistance-accepted';
import { orderStateReason } from './order-state';

type Deps = { pickupWaits: Pick<PickupWaitRepo, 'lock' | 'wait' | 'brought' | 'end'>; events: Pick<EventRepo, 'append'>; staff: Pick<StaffRepo, 'sessionNames'> };

/** The orders a run names, locked in a fixed order (no deadlocks between devices), by code. */
async function lockOrders(deps: Deps, q: Queryable, txs: { payload: { orderCode: string } }[]): Promise<Map<string, WaitingOrder>> {
  const locked = await deps.pickupWaits.lock(q, [...new Set(txs.map((t) => t.payload.orderCode))].sort());
  return new Map(locked.map((o) => [o.code, o]));
}

/**
 * pickup.waiting: a customer waits at this kiosk for their order; every tablet hears which
 * order, from which shelf, to which kiosk, and whether it still has to be paid. Waiting
 * again (at another kiosk) moves the wait there.
 *
 * A wait the kiosk queued while cut off can arrive after the order was settled: handed over
 * at the desk (the customer went there, as the kiosk told them), or cancelled by the shop.
 * Nobody waits any more and there is nothing for staff to fix, so it is simply done, like a
 * pickup.left after the handover; the kiosk hears `pickup.closed` and leaves the order
 * (`picked-up`: "a staff member handed it over"; `dismissed`: "go to the desk", where staff
 * say why). Only an order that is not the branch's, or that does not exist, is refused.
 */
export function createPickupWaiting(deps: Deps): Applier<PickupWaitingPayload> {
  return {
    async apply(q, device, txs) {
      const orders = await lockOrders(deps, q, txs);
      const rejected = new Map<string, RejectReason>();
      const waits: { orderCode: string; deviceId: string; at: string }[] = [];
      const events: EventToAppend[] = [];
      for (const tx of txs) {
        const order = orders.get(tx.payload.orderCode);
        const reason = orderStateReason(order, device.branchId);
        if (order && (reason === 'already-picked-up' || reason === 'order-cancelled')) {
          events.push({ audience: 'device', deviceId: device.id, name: 'pickup.closed', data: { orderCode: order.code, how: reason === 'already-picked-up' ? 'picked-up' : 'dismissed' } });
          continue;
        }
        if (reason || !order) {
          rejected.set(tx.id, reason ?? 'unknown-order');
          continue;
        }
        order.waitStatus = 'waiting';
        order.waitDevice = device.id;
        waits.push({ orderCode: order.code, deviceId: device.id, at: tx.occurredAt });
        // `since`: when the customer began to wait, by the kiosk's (server-corrected) clock: it may have been offline then.
        events.push({ audience: 'staff', name: 'pickup.waiting', data: { orderCode: order.code, shelf: order.shelf, kiosk: device.code, place: device.place, paid: order.paid, totalKopecks: order.totalKopecks, since: tx.occurredAt } });
      }
      await deps.pickupWaits.wait(q, waits);
      await deps.events.append(q, device.branchId, events);
      return rejected;
    },
  };
}

/**
 * pickup.brought: staff brought the goods. The kiosk where the customer waits hears it
 * (with the staff member's first name) and asks them to check the goods; the tablets see
 * it done. Only an order someone waits for can be brought (`not-waiting`).
 */
export function createPickupBrought(deps: Deps): Applier<PickupBroughtPayload> {
  return {
    async apply(q, device, txs) {
      const orders = await lockOrders(deps, q, txs);
      const names = await deps.staff.sessionNames(q, [...new Set(txs.map((t) => t.payload.staffSessionId))]);
      const rejected = new Map<string, RejectReason>();
      const brought: { orderCode: string; sessionId: string; at: string }[] = [];
      const events: EventToAppend[] = [];
      for (const tx of txs) {
        const order = orders.get(tx.payload.orderCode);
        const reason = orderStateReason(order, device.branchId) ?? (order && order.waitStatus !== 'waiting' ? 'not-waiting' : null);
        if (reason || !order || !order.waitDevice) {
          rejected.set(tx.id, reason ?? 'not-waiting');
          continue;
        }
        order.waitStatus = 'brought';
        const name = names.get(tx.payload.staffSessionId) ?? '';
        brought.push({ orderCode: order.code, sessionId: tx.payload.staffSessionId, at: tx.occurredAt });
        events.push(
          { audience: 'device', deviceId: order.waitDevice, name: 'pickup.brought', data: { orderCode: order.code, staffFirstName: firstName(name), paid: order.paid, paidBy: order.deskMethod ?? (order.paid ? 'online' : null) } },
          { audience: 'staff', name: 'pickup.brought', data: { orderCode: order.code, by: name, kiosk: order.waitDeviceCode } },
        );
      }
      await deps.pickupWaits.brought(q, brought);
      await deps.events.append(q, device.branchId, events);
      return rejected;
    },
  };
}

/**
 * pickup.left: the wait ends; every tablet hears `pickup.closed` and drops the order. A
 * kiosk ends only the wait at itself (the customer who waited there left); a tablet, with
 * its staff session (checked like any staff kind's), ends the order's wait wherever it is,
 * and that kiosk hears it (`how: dismissed`) and sends its customer to the desk.
 * Like a call for help cancelled after staff resolved it, leaving after the order was
 * handed over or cancelled is simply done: nothing to undo, nothing to show anyone. Only
 * an order that is not this branch's is rejected, and a tablet without a staff session.
 */
export function createPickupLeft(deps: Deps): Applier<PickupLeftPayload> {
  return {
    async apply(q, device, txs) {
      const orders = await lockOrders(deps, q, txs);
      const rejected = new Map<string, RejectReason>();
      const left = new Set<string>();
      for (const tx of txs) {
        const order = orders.get(tx.payload.orderCode);
        if (!order) rejected.set(tx.id, 'unknown-order');
        else if (order.branchId !== device.branchId) rejected.set(tx.id, 'other-branch');
        else if (device.role === 'tablet' && !tx.payload.staffSessionId) rejected.set(tx.id, 'staff-session-invalid');
        else left.add(order.code);
      }
      const ended = await deps.pickupWaits.end(q, [...left], device.role === 'kiosk' ? device.id : undefined);
      const how = device.role === 'kiosk' ? 'left' : 'dismissed';
      // Staff took the wait off their list: the kiosk where the customer waits hears it and
      // sends them to the desk with the order's code (nobody is bringing the goods now).
      await deps.events.append(q, device.branchId, ended.flatMap((w) => [
        pickupClosed(w.orderCode, how, w.deviceCode),
        ...(how === 'dismissed' ? [{ audience: 'device' as const, deviceId: w.deviceId, name: 'pickup.closed', data: { orderCode: w.orderCode, how } }] : []),
      ]));
      return rejected;
    },
  };
}

/** The tablets' signal that nobody waits for this order any more: the customer left, staff took it off the list, or it was handed over. */
export function pickupClosed(orderCode: string, how: 'left' | 'dismissed' | 'picked-up', kiosk: string): EventToAppend {
  return { audience: 'staff', name: 'pickup.closed', data: { orderCode, how, kiosk } };
}
