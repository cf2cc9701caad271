import { paperId } from '../../shared/domain/paper-id';
import { returnKeyOf, type ReturnKey, type ReturnLookup } from '../../shared/protocol/returns';
import type { Db } from '../db/db';
import { NotFoundError } from '../errors';
import type { HandoverRepo } from '../repositories/handover-repo';
import type { SaleRepo } from '../repositories/sale-repo';

/** Handover receipts hashed per page when a pickup receipt's QR is looked up. */
const PAGE = 2000;

/**
 * What a supervisor taking goods back has in hand, found: a receipt's number or QR, or an
 * order's code. A sale of the branch, or a pickup order it handed over, with what came back
 * already; another branch's document or order is named by that branch, so the tablet says
 * in words where the return is made; an order still on the shelf, or cancelled, says so.
 * Nothing by that key anywhere: 404.
 */
export function createReturnLookupService(deps: { db: Db; sales: Pick<SaleRepo, 'find'>; handovers: Pick<HandoverRepo, 'findByCode' | 'documentOf' | 'saleBranch' | 'handoverNumbers'> }) {
  const { db, handovers } = deps;

  async function byOrder(branchId: string, code: string): Promise<ReturnLookup | null> {
    const found = await handovers.findByCode(db, code);
    if (!found) return null;
    if (found.branchId !== branchId) return { found: 'other-branch', branchName: found.branchName };
    if (found.record) return { found: 'order', order: found.record };
    return found.status === 'picked_up' ? null : { found: 'not-handed-over', orderCode: code, status: found.status };
  }

  async function byNumber(branchId: string, number: string): Promise<ReturnLookup | null> {
    const sale = await deps.sales.find(db, branchId, number);
    if (sale) return { found: 'sale', sale };
    const document = await handovers.documentOf(db, number);
    if (!document) return null;
    if (document.branchId !== branchId) return { found: 'other-branch', branchName: document.branchName };
    // A refund slip's number names no goods to take back (an order's slip carries its order's code too).
    return document.kind === 'pickup' && document.orderCode ? byOrder(branchId, document.orderCode) : null;
  }

  /**
   * A receipt's QR: a sale's names the sale's id; a handover's names its paper id, a hash of
   * its number (paperId), found among the branch's handover receipts, the newest first. A
   * QR of another branch's handover is not told apart from none: its hash would have to be
   * tried against every branch's receipts.
   */
  async function byId(branchId: string, id: string): Promise<ReturnLookup | null> {
    const sale = await deps.sales.find(db, branchId, id);
    if (sale) return { found: 'sale', sale };
    const other = await handovers.saleBranch(db, id);
    if (other) return { found: 'other-branch', branchName: other.branchName };
    for (let before: { issuedAt: string; number: string } | null = null; ;) {
      const page = await handovers.handoverNumbers(db, branchId, before, PAGE);
      const hit = page.find((r) => paperId('receipt', r.number) === id);
      if (hit) return byNumber(branchId, hit.number);
      if (page.length < PAGE) return null;
      before = page.at(-1)!;
    }
  }

  return {
    async find(branchId: string, text: string): Promise<ReturnLookup> {
      const key: ReturnKey | null = returnKeyOf(text);
      const found = !key ? null
        : key.kind === 'order' ? await byOrder(branchId, key.code)
          : key.kind === 'number' ? await byNumber(branchId, key.number)
            : await byId(branchId, key.id);
      if (!found) throw new NotFoundError(`no sale or handed-over order ${text}`);
      return found;
    },
  };
}
export type ReturnLookupService = ReturnType<typeof createReturnLookupService>;
