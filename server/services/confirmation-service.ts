import type { ConfirmationAnswer, ConfirmationPrint, ConfirmationPrinted, ConfirmationRequest, ConfirmationSent, KioskList } from '../../shared/protocol/confirmation';
import type { Db } from '../db/db';
import { ConflictError, NotFoundError } from '../errors';
import type { ConfirmationRepo } from '../repositories/confirmation-repo';
import type { DeviceRepo, DeviceRow } from '../repositories/device-repo';
import type { EventRepo } from '../repositories/event-repo';
import type { StaffSessionRow } from '../repositories/staff-repo';

/** How long a kiosk may take to answer before the cart is stale. */
export const CONFIRMATION_MINUTES = 10;

type Deps = { db: Db; confirmations: ConfirmationRepo; devices: Pick<DeviceRepo, 'kiosksOf'>; events: Pick<EventRepo, 'append'>; now?: () => Date };

/**
 * A cart shown on a kiosk for the customer to confirm: the tablet sends it (an event to
 * that kiosk only), the kiosk answers once (an event to the tablets). The sale itself is
 * still the tablet's `sale.completed`, with `confirmedOn: "kiosk"`; this only carries the
 * question and the answer, online (events need the server anyway).
 */
export function createConfirmationService({ db, confirmations, devices, events, now = () => new Date() }: Deps) {
  return {
    async kiosks(tablet: DeviceRow): Promise<KioskList> {
      return { kiosks: (await devices.kiosksOf(db, tablet.branchId)).map((k) => ({ code: k.code, place: k.place })) };
    },

    async send(tablet: DeviceRow, session: StaffSessionRow, request: ConfirmationRequest): Promise<ConfirmationSent> {
      const kiosk = (await devices.kiosksOf(db, tablet.branchId)).find((k) => k.code === request.kiosk);
      if (!kiosk) throw new NotFoundError(`no kiosk ${request.kiosk} in this branch`);
      const expiresAt = new Date(now().getTime() + CONFIRMATION_MINUTES * 60_000);
      await db.tx(async (q) => {
        const inserted = await confirmations.insert(q, {
          id: request.confirmationId, branchId: tablet.branchId, tabletId: tablet.id, kioskId: kiosk.id, staffSessionId: session.id, totalKopecks: request.totalKopecks, expiresAt,
        });
        if (!inserted) throw new ConflictError(`confirmation ${request.confirmationId} was sent before`, 'confirmation-exists');
        await events.append(q, tablet.branchId, [{
          audience: 'device', deviceId: kiosk.id, name: 'cart.confirm',
          data: { confirmationId: request.confirmationId, lang: request.lang, lines: request.lines, totalKopecks: request.totalKopecks, expiresAt: expiresAt.toISOString() },
        }]);
      });
      return { confirmationId: request.confirmationId, kiosk: kiosk.code, expiresAt: expiresAt.toISOString() };
    },

    /** Whether a cart sent to this kiosk still waits for its customer's answer (not answered, not expired). */
    async state(kiosk: DeviceRow, confirmationId: string): Promise<{ confirmationId: string; open: boolean }> {
      const row = await db.tx((q) => confirmations.lock(q, confirmationId));
      if (!row || row.kioskId !== kiosk.id) throw new NotFoundError(`no confirmation ${confirmationId} for this kiosk`);
      return { confirmationId, open: row.answer === null && row.expiresAt > now() };
    },

    /** The kiosk's answer, once; a kiosk answers only what was sent to it. */
    async answer(kiosk: DeviceRow, confirmationId: string, body: ConfirmationAnswer): Promise<{ confirmationId: string; answer: ConfirmationAnswer['answer'] }> {
      await db.tx(async (q) => {
        const row = await confirmations.lock(q, confirmationId);
        if (!row || row.kioskId !== kiosk.id) throw new NotFoundError(`no confirmation ${confirmationId} for this kiosk`);
        if (row.answer !== null) throw new ConflictError(`confirmation ${confirmationId} was answered already (${row.answer})`, 'confirmation-answered');
        if (row.expiresAt < now()) throw new ConflictError(`confirmation ${confirmationId} expired`, 'confirmation-expired');
        await confirmations.answer(q, confirmationId, body.answer);
        await events.append(q, kiosk.branchId, [{ audience: 'staff', name: 'cart.answered', data: { confirmationId, answer: body.answer, kiosk: kiosk.code } }]);
      });
      return { confirmationId, answer: body.answer };
    },

    /**
     * The confirmed sale's paper to the kiosk where the customer stands: only by the tablet
     * that sent the cart, only once it was confirmed, once. The kiosk prints it and says how it went.
     */
    async print(tablet: DeviceRow, confirmationId: string, body: ConfirmationPrint): Promise<{ confirmationId: string; sent: true }> {
      await db.tx(async (q) => {
        const row = await confirmations.lock(q, confirmationId);
        if (!row || row.tabletId !== tablet.id) throw new NotFoundError(`no confirmation ${confirmationId} from this tablet`);
        if (row.answer !== 'confirmed') throw new ConflictError(`confirmation ${confirmationId} was not confirmed`, 'confirmation-not-confirmed');
        if (row.printSent) throw new ConflictError(`the paper of ${confirmationId} was sent already`, 'confirmation-printed');
        await confirmations.printSent(q, confirmationId);
        await events.append(q, tablet.branchId, [{ audience: 'device', deviceId: row.kioskId, name: 'cart.print', data: { confirmationId, documents: body.documents } }]);
      });
      return { confirmationId, sent: true as const };
    },

    /** The kiosk's printer's outcome, once; the tablets hear `cart.printed`. */
    async printed(kiosk: DeviceRow, confirmationId: string, body: ConfirmationPrinted): Promise<{ confirmationId: string; outcome: ConfirmationPrinted['outcome'] }> {
      await db.tx(async (q) => {
        const row = await confirmations.lock(q, confirmationId);
        if (!row || row.kioskId !== kiosk.id || !row.printSent) throw new NotFoundError(`no paper of ${confirmationId} for this kiosk`);
        if (row.printed !== null) throw new ConflictError(`the paper of ${confirmationId} was reported already`, 'confirmation-printed');
        await confirmations.printed(q, confirmationId, body.outcome);
        await events.append(q, kiosk.branchId, [{ audience: 'staff', name: 'cart.printed', data: { confirmationId, outcome: body.outcome, kiosk: kiosk.code } }]);
      });
      return { confirmationId, outcome: body.outcome };
    },
  };
}
export type ConfirmationService = ReturnType<typeof createConfirmationService>;
