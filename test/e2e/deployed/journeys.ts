import { useDeployMode } from '../support/suite';
import type { DeployMode } from '../support/kiosk-server';

/**
 * The kiosk's and the tablet's main journeys, run again in another deployment: a pickup
 * with the goods brought, a call for help accepted, a cart confirmed at the kiosk, a КОПИЯ
 * printed at the kiosk, a passbook printed, a rejected transaction resolved. Their files
 * register their suites when imported, after the mode is set.
 */
export async function journeysAs(mode: DeployMode): Promise<void> {
  useDeployMode(mode);
  await import('../pickup.test');
  await import('../call-staff.test');
  await import('../checkout.test');
  await import('../backoffice.test');
  await import('../passbook.test');
}
