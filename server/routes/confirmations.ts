import { z } from 'zod';
import { Uuid } from '../../shared/protocol/common';
import { ConfirmationAnswer, ConfirmationAnswered, ConfirmationPrint, ConfirmationPrinted, ConfirmationRequest, ConfirmationSent, ConfirmationState, KioskList, PrintReported, PrintSent } from '../../shared/protocol/confirmation';
import type { RouteRegistry } from '../http/route-registry';
import type { ConfirmationService } from '../services/confirmation-service';

/** A tablet's cart shown on a kiosk, and the customer's answer (assisted checkout). */
export function confirmationRoutes(routes: RouteRegistry, confirmations: ConfirmationService): void {
  routes.add({
    method: 'GET',
    url: '/api/v1/devices/kiosks',
    summary: 'The kiosks of the tablet’s branch, with where they stand',
    tag: 'confirmations',
    auth: 'device',
    roles: ['tablet'],
    staff: ['associate', 'supervisor'],
    response: KioskList,
    handler: ({ device }) => confirmations.kiosks(device),
  });
  routes.add({
    method: 'POST',
    url: '/api/v1/confirmations',
    summary: 'Show a cart on a kiosk for the customer to confirm (the event cart.confirm, to that kiosk only)',
    tag: 'confirmations',
    auth: 'device',
    roles: ['tablet'],
    staff: ['associate', 'supervisor'],
    body: ConfirmationRequest,
    response: ConfirmationSent,
    status: 201,
    handler: ({ device, staff, body }) => confirmations.send(device, staff!, body),
  });
  routes.add({
    method: 'GET',
    url: '/api/v1/confirmations/:id',
    summary: 'Whether a cart sent to this kiosk still waits for an answer (a reloaded kiosk replays the day’s events)',
    tag: 'confirmations',
    auth: 'device',
    roles: ['kiosk'],
    params: z.object({ id: Uuid }),
    response: ConfirmationState,
    handler: ({ device, params }) => confirmations.state(device, params.id),
  });
  routes.add({
    method: 'POST',
    url: '/api/v1/confirmations/:id/answer',
    summary: 'The customer’s answer at the kiosk, once (409 when answered or expired); the tablets hear cart.answered',
    tag: 'confirmations',
    auth: 'device',
    roles: ['kiosk'],
    params: z.object({ id: Uuid }),
    body: ConfirmationAnswer,
    response: ConfirmationAnswered,
    handler: ({ device, params, body }) => confirmations.answer(device, params.id, body),
  });
  routes.add({
    method: 'POST',
    url: '/api/v1/confirmations/:id/print',
    summary: 'The confirmed sale’s paper, to print at the kiosk where the customer confirmed (the event cart.print, once)',
    tag: 'confirmations',
    auth: 'device',
    roles: ['tablet'],
    staff: ['associate', 'supervisor'],
    params: z.object({ id: Uuid }),
    body: ConfirmationPrint,
    response: PrintSent,
    handler: ({ device, params, body }) => confirmations.print(device, params.id, body),
  });
  routes.add({
    method: 'POST',
    url: '/api/v1/confirmations/:id/printed',
    summary: 'How the kiosk’s printer did with that paper, once; the tablets hear cart.printed',
    tag: 'confirmations',
    auth: 'device',
    roles: ['kiosk'],
    params: z.object({ id: Uuid }),
    body: ConfirmationPrinted,
    response: PrintReported,
    handler: ({ device, params, body }) => confirmations.printed(device, params.id, body),
  });
}
