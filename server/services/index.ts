import type { Db } from '../db/db';
import { createRepositories, type Repositories } from '../repositories';
import { createAdminTokenService } from './admin-token-service';
import { createBranchService } from './branch-service';
import { createCatalogueService } from './catalogue-service';
import { createConfirmationService } from './confirmation-service';
import { createDeviceStatusService, type DeviceAlertLimits } from './device-status-service';
import { createEnrollmentService } from './enrollment-service';
import { createEventService } from './event-service';
import { createLedgerService } from './ledger-service';
import { createPhoneCheckService } from './phone-check-service';
import { createReprintService } from './reprint-service';
import { createReturnLookupService } from './return-lookup-service';
import { createStaffService } from './staff-service';
import { createStaffSessionService, type StaffSessionSettings } from './staff-session-service';
import { createAppliers } from './sync/appliers';
import { createPullService } from './sync/pull-service';
import { createDeviceRevocation } from './device-revocation';
import { createDeviceTokenRotation, type TokenRotationSettings } from './device-tokens';
import { createPushService } from './sync/push-service';

/**
 * The composition of the server's rules: each service gets the database and only the
 * repositories it uses. Built once per process (app.ts, the CLI), never per request.
 */
export function buildServices(db: Db, repos: Repositories = createRepositories(), settings: {
  staffSessions?: StaffSessionSettings; deviceAlerts?: DeviceAlertLimits; kioskRetentionDays?: number; passbookFullLines?: number;
  /** OKNO_DEVICE_KEEP_SETTLED_DAYS */
  deviceKeepSettledDays?: number;
  /** OKNO_DEVICE_TOKEN_DAYS and OKNO_DEVICE_TOKEN_GRACE_DAYS */
  tokenRotation?: TokenRotationSettings;
  /** OKNO_SALE_PRICE_TOLERANCE_PERCENT: the back office's rule for a sale line's price against the catalogue */
  salePriceTolerancePercent?: number;
} = {}) {
  const appliers = createAppliers(repos, { salePriceTolerancePercent: settings.salePriceTolerancePercent ?? 20 });
  return {
    repos,
    enrollment: createEnrollmentService({ db, branches: repos.branches, devices: repos.devices, credentials: repos.credentials, staff: repos.staff, events: repos.events, audit: repos.audit }),
    branches: createBranchService({ db, branches: repos.branches, audit: repos.audit }),
    adminTokens: createAdminTokenService({ db, tokens: repos.adminTokens, branches: repos.branches, audit: repos.audit }),
    staff: createStaffService({ db, branches: repos.branches, staff: repos.staff, audit: repos.audit, events: repos.events }),
    staffSessions: createStaffSessionService({ db, staff: repos.staff, audit: repos.audit, events: repos.events, ...(settings.staffSessions ? { settings: settings.staffSessions } : {}) }),
    events: createEventService({ db, events: repos.events, devices: repos.devices, staff: repos.staff }),
    catalogue: createCatalogueService({ db, branches: repos.branches, orders: repos.orders, products: repos.products, events: repos.events }),
    push: createPushService({ db, devices: repos.devices, log: repos.transactionLog, staff: repos.staff, audit: repos.audit, events: repos.events, appliers }),
    confirmations: createConfirmationService({ db, confirmations: repos.confirmations, devices: repos.devices, events: repos.events }),
    deviceStatus: createDeviceStatusService({ db, status: repos.deviceStatus, events: repos.events, ...(settings.deviceAlerts ? { limits: settings.deviceAlerts } : {}) }),
    reprints: createReprintService({ db, documents: repos.documents, branches: repos.branches, devices: repos.devices, events: repos.events, passbookFullLines: settings.passbookFullLines ?? 30 }),
    returnLookup: createReturnLookupService({ db, sales: repos.sales, handovers: repos.handovers }),
    deviceTokens: createDeviceTokenRotation({ db, devices: repos.devices, audit: repos.audit, ...(settings.tokenRotation ? { settings: settings.tokenRotation } : {}) }),
    deviceRevocation: createDeviceRevocation({ db, devices: repos.devices, staff: repos.staff, events: repos.events, audit: repos.audit }),
    phoneChecks: createPhoneCheckService({ db, checks: repos.phoneChecks }),
    ledger: createLedgerService({ db, branches: repos.branches, customers: repos.customers, events: repos.events }),
    pull: createPullService({ db, branches: repos.branches, orders: repos.orders, products: repos.products, customers: repos.customers, retentionDays: settings.kioskRetentionDays ?? 30, keepSettledDays: settings.deviceKeepSettledDays ?? 7, passbookFullLines: settings.passbookFullLines ?? 30 }),
  };
}
export type Services = ReturnType<typeof buildServices>;
