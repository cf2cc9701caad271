import type { FastifyRequest } from 'fastify';
import { MIN_SYNC_PROTOCOL_VERSION, PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../shared/protocol/limits';
import { UpgradeRequiredError, ValidationError } from '../errors';

/**
 * Devices send the sync protocol version they speak on every request. A version this
 * server cannot serve gets one clear answer, 426 `protocol-version`, which the device
 * shows to staff as "needs an update" instead of reading a response it would misread.
 * A request without the header (curl, the back office) is served as the current version.
 */
export function checkProtocolVersion(request: FastifyRequest): void {
  const header = request.headers[PROTOCOL_HEADER];
  if (header === undefined) return;
  const version = Number(header);
  if (!Number.isInteger(version)) throw new ValidationError(`${PROTOCOL_HEADER}: expected a whole number, got "${String(header)}"`, PROTOCOL_HEADER);
  if (version < MIN_SYNC_PROTOCOL_VERSION || version > SYNC_PROTOCOL_VERSION) {
    const which = version > SYNC_PROTOCOL_VERSION ? 'the server needs an update' : 'the device needs an update';
    throw new UpgradeRequiredError(
      `this device speaks sync protocol ${version}; this server serves ${MIN_SYNC_PROTOCOL_VERSION}–${SYNC_PROTOCOL_VERSION}: ${which}`,
    );
  }
}
