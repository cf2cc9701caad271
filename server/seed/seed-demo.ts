import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db';
import { cardSecretHash } from '../../shared/domain/card-code';
import { shortName } from '../../shared/domain/mask';
import type { Services } from '../services';
import { demoData } from './demo-data';

/**
 * Loads the demo branch once: a second run finds the branch and changes nothing, so a
 * demo order that was picked up stays picked up.
 */
export async function seedDemo(db: Db, services: Services): Promise<{ created: boolean }> {
  const { repos } = services;
  const data = demoData();
  if (await repos.branches.findByCode(db, data.branch.code)) return { created: false };
  const branchId = randomUUID();
  await repos.branches.insert(db, { id: branchId, ...data.branch });
  await services.catalogue.putProducts(data.products);
  for (const order of data.orders) await services.catalogue.putOrder(order.code, order.input);
  for (const customer of data.customers) {
    const customerId = randomUUID();
    await db.tx(async (q) => {
      await repos.customers.insert(q, { id: customerId, branchId, shortName: shortName(customer.shortName), cardNumber: customer.cardNumber, secretHash: cardSecretHash(customer.cardNumber, customer.scanSecret) });
      await repos.customers.insertLedger(q, customerId, customer.lines.map((line) => ({ id: randomUUID(), ...line })));
    });
  }
  for (const s of data.staff) await services.staff.add({ branchCode: data.branch.code, ...s });
  return { created: true };
}
