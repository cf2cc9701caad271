import { adminTokenRepo } from './admin-token-repo';
import { assistanceRepo } from './assistance-repo';
import { auditRepo } from './audit-repo';
import { branchRepo } from './branch-repo';
import { confirmationRepo } from './confirmation-repo';
import { credentialRepo } from './credential-repo';
import { customerRepo } from './customer-repo';
import { deviceRepo } from './device-repo';
import { deviceStatusRepo } from './device-status-repo';
import { documentRepo } from './document-repo';
import { eventRepo } from './event-repo';
import { handoverRepo } from './handover-repo';
import { healthRepo } from './health-repo';
import { orderRepo } from './order-repo';
import { phoneCheckRepo } from './phone-check-repo';
import { pickupWaitRepo } from './pickup-wait-repo';
import { productRepo } from './product-repo';
import { refundRepo } from './refund-repo';
import { rejectionRepo } from './rejection-repo';
import { reportRepo } from './report-repo';
import { saleRepo } from './sale-repo';
import { shopperWordRepo } from './shopper-word-repo';
import { staffRepo } from './staff-repo';
import { transactionLogRepo } from './transaction-log-repo';

/**
 * Every repository: all of the server's SQL is in this folder (but the migration runner's
 * own bookkeeping, in db/migrate.ts). Each method takes the
 * Queryable to run on (the pool, or a transaction's), so a service decides where its
 * transaction begins and ends.
 */
export function createRepositories() {
  return {
    adminTokens: adminTokenRepo,
    assistance: assistanceRepo,
    audit: auditRepo,
    branches: branchRepo,
    confirmations: confirmationRepo,
    credentials: credentialRepo,
    customers: customerRepo,
    devices: deviceRepo,
    deviceStatus: deviceStatusRepo,
    documents: documentRepo,
    events: eventRepo,
    handovers: handoverRepo,
    health: healthRepo,
    phoneChecks: phoneCheckRepo,
    orders: orderRepo,
    pickupWaits: pickupWaitRepo,
    products: productRepo,
    refunds: refundRepo,
    rejections: rejectionRepo,
    reports: reportRepo,
    sales: saleRepo,
    shopperWords: shopperWordRepo,
    staff: staffRepo,
    transactionLog: transactionLogRepo,
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
