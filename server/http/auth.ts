import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/db';
import { UnauthorizedError } from '../errors';
import type { AdminTokenService } from '../services/admin-token-service';
import type { DeviceRepo } from '../repositories/device-repo';
import type { StaffSessionService } from '../services/staff-session-service';
import { STAFF_SESSION_HEADER } from '../../shared/protocol/staff';
import { hashToken } from '../services/tokens';
import type { Authenticator } from './route-registry';

function bearer(request: FastifyRequest): string {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new UnauthorizedError();
  return match[1]!;
}

/** The token decides who is asking and for which branch; nothing in a payload can. */
export function createAuthenticator(deps: {
  db: Db;
  devices: Pick<DeviceRepo, 'findByTokenHash'>;
  adminTokens: Pick<AdminTokenService, 'authenticate' | 'requireFeed'>;
  staffSessions: Pick<StaffSessionService, 'authenticate'>;
}): Authenticator {
  return {
    async device(request) {
      const token = bearer(request);
      if (!token.startsWith('okd_')) throw new UnauthorizedError('this is not a device token');
      const device = await deps.devices.findByTokenHash(deps.db, hashToken(token));
      if (!device) throw new UnauthorizedError('unknown or revoked device token: enrol the device again');
      return device;
    },
    async staff(request, device, options) {
      const token = request.headers[STAFF_SESSION_HEADER];
      if (typeof token !== 'string' || !token.startsWith('oks_')) throw new UnauthorizedError(`a staff session is required: sign in on the tablet (${STAFF_SESSION_HEADER})`);
      return deps.staffSessions.authenticate(device, token, options);
    },
    async admin(request, feed) {
      const token = bearer(request);
      if (!token.startsWith('oka_')) throw new UnauthorizedError('this is not an admin token: make one with `npm run server -- admin-token`');
      const access = await deps.adminTokens.authenticate(token);
      deps.adminTokens.requireFeed(access, feed);
      return access;
    },
  };
}
