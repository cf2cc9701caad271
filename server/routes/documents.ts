import { CopyPrintedAck, CopyPrintedReport, DocumentCopy, DocumentCopyRequest, DocumentList, DocumentNumberParams, DocumentPrintRequest, DocumentPrintSent, DocumentQuery, PrintIdParams } from '../../shared/protocol/documents';
import type { RouteRegistry } from '../http/route-registry';
import type { ReprintService } from '../services/reprint-service';

/** The branch's documents for staff to find and copy (КОПИЯ); the copy's printing is recorded by `document.reprinted`. */
export function documentRoutes(routes: RouteRegistry, reprints: ReprintService): void {
  routes.add({
    method: 'GET',
    url: '/api/v1/documents',
    summary: 'The branch’s receipts and refund slips: by receipt number or order code, or a day’s (today by default), newest first',
    tag: 'staff',
    auth: 'device',
    roles: ['tablet'],
    staff: ['associate', 'supervisor'],
    query: DocumentQuery,
    response: DocumentList,
    handler: ({ device, query }) => reprints.list(device.branchId, query),
  });
  routes.add({
    method: 'GET',
    url: '/api/v1/documents/:number/copy',
    summary: 'A document rebuilt from what the server holds, marked КОПИЯ: the receipt or slip and its warranty slips',
    tag: 'staff',
    auth: 'device',
    roles: ['tablet'],
    staff: ['associate', 'supervisor'],
    params: DocumentNumberParams,
    response: DocumentCopy,
    handler: ({ device, params, staff }) => reprints.copy(device.branchId, params.number.toUpperCase(), { role: staff!.role }),
  });
  routes.add({
    method: 'POST',
    url: '/api/v1/documents/:number/copy',
    summary: 'A passbook statement’s copy: a supervisor’s, with the customer’s card scanned (403 card-required, card-mismatch)',
    tag: 'staff',
    auth: 'device',
    roles: ['tablet'],
    staff: ['associate', 'supervisor'],
    params: DocumentNumberParams,
    body: DocumentCopyRequest,
    response: DocumentCopy,
    handler: ({ device, params, staff, body }) => reprints.copy(device.branchId, params.number.toUpperCase(), { role: staff!.role, cardCode: body.cardCode }),
  });
  routes.add({
    method: 'POST',
    url: '/api/v1/documents/:number/print',
    summary: 'Send a document’s copy (КОПИЯ) to a kiosk of the branch to print',
    tag: 'staff',
    auth: 'device',
    roles: ['tablet'],
    staff: ['associate', 'supervisor'],
    params: DocumentNumberParams,
    body: DocumentPrintRequest,
    response: DocumentPrintSent,
    status: 202,
    handler: ({ device, params, body, staff }) => reprints.printAt(device.branchId, params.number.toUpperCase(), { printId: body.printId, kiosk: body.kiosk }, { role: staff!.role, cardCode: body.cardCode }),
  });
  routes.add({
    method: 'POST',
    url: '/api/v1/documents/prints/:printId/printed',
    summary: 'A kiosk says what became of a copy staff sent it: waiting (a customer’s visit is on; it prints at the welcome screen), printed, or the printer’s problem; the tablets hear it',
    tag: 'documents',
    auth: 'device',
    roles: ['kiosk'],
    params: PrintIdParams,
    body: CopyPrintedReport,
    response: CopyPrintedAck,
    handler: async ({ device, params, body }) => {
      await reprints.reported(device, params.printId, body);
      return { told: true as const };
    },
  });
}
