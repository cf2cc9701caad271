import type { FastifyRequest } from 'fastify';
import { MIN_SYNC_PROTOCOL_VERSION, PROTOCOL_HEADER, PROTOCOL_MIN_HEADER, SYNC_PROTOCOL_VERSION } from '../../shared/protocol/limits';
import { UpgradeRequiredError, ValidationError } from '../errors';

/**
 * The protocol version this request is served in: the newest both sides speak. A device
 * sends the newest it speaks (PROTOCOL_HEADER) and its oldest (PROTOCOL_MIN_HEADER; a
 * device from before the exchange sends none: it speaks only its newest). With none in
 * common, one clear answer, 426 `protocol-version`, which the device shows staff as "needs
 * an update" (saying which side) instead of misreading a response; its queue is kept.
 * A request without the header (curl, the back office) is served the current version.
 */
export function servedProtocolVersion(request: FastifyRequest): number {
  const newest = versionHeader(request, PROTOCOL_HEADER);
  if (newest === undefined) return SYNC_PROTOCOL_VERSION;
  const oldest = versionHeader(request, PROTOCOL_MIN_HEADER) ?? newest;
  const served = Math.min(newest, SYNC_PROTOCOL_VERSION);
  if (served < Math.max(oldest, MIN_SYNC_PROTOCOL_VERSION)) {
    const which = oldest > SYNC_PROTOCOL_VERSION ? 'the server needs an update' : 'the device needs an update';
    throw new UpgradeRequiredError(
      `this device speaks sync protocol ${oldest === newest ? newest : `${oldest}–${newest}`}; this server serves ${MIN_SYNC_PROTOCOL_VERSION}–${SYNC_PROTOCOL_VERSION}: ${which}`,
    );
  }
  return served;
}

function versionHeader(request: FastifyRequest, name: string): number | undefined {
  const header = request.headers[name];
  if (header === undefined) return undefined;
  const version = Number(header);
  if (!Number.isInteger(version) || version < 0) throw new ValidationError(`${name}: expected a whole number, got "${String(header)}"`, name);
  return version;
}
