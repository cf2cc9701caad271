import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db';
import { shortName } from '../../shared/domain/mask';
import { findBranchByCode, insertBranch } from '../repositories/branch-repo';
import { upsertProducts } from '../repositories/product-repo';
import { putOrder } from '../services/catalogue-service';
import { addStaff } from '../services/staff-service';
import { demoData } from './demo-data';

/**
 * Loads the demo branch once: a second run finds the branch and changes nothing, so a
 * demo order that was picked up stays picked up.
 */
export async function seedDemo(db: Db): Promise<{ created: boolean }> {
  const data = demoData();
  if (await findBranchByCode(db, data.branch.code)) return { created: false };
  const branchId = randomUUID();
  await insertBranch(db, { id: branchId, ...data.branch });
  await upsertProducts(db, data.products);
  for (const order of data.orders) await putOrder(db, order.code, order.input);
  for (const customer of data.customers) {
    const customerId = randomUUID();
    await db.tx(async (q) => {
      await q.query('INSERT INTO customers (id, branch_id, short_name, card_number) VALUES ($1, $2, $3, $4)', [
        customerId, branchId, shortName(customer.shortName), customer.cardNumber,
      ]);
      let balance = 0;
      for (const [i, line] of customer.lines.entries()) {
        balance += line.amountKopecks;
        await q.query(
          `INSERT INTO ledger_entries (id, customer_id, line_no, posted_at, text_ru, text_en, amount_kopecks, balance_kopecks)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [randomUUID(), customerId, i + 1, line.postedAt, line.textRu, line.textEn, line.amountKopecks, balance],
        );
      }
    });
  }
  for (const s of data.staff) await addStaff(db, { branchCode: data.branch.code, ...s });
  return { created: true };
}
