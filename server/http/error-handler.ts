import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../errors';
import { isDatabaseUnavailable, isTransientDatabaseError } from '../db/unavailable';

/** How long a device waits before trying again when the database is away. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * One place maps errors to HTTP. Client mistakes keep their 4xx and a clear message;
 * anything else is a 500 with only the request id: the stack goes to the log, never to
 * the client.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const requestId = String(request.id);
    if (error instanceof AppError) {
      if (error.extra?.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.extra.retryAfterSeconds));
      return reply.status(error.status).send({ error: error.code, message: error.message, ...(error.field ? { field: error.field } : {}), ...error.extra, requestId });
    }
    const status = (error as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      const code = status === 413 ? 'body-too-large' : status === 415 ? 'unsupported-media-type' : 'invalid-body';
      const message = status === 413 ? `body: larger than the limit of ${app.initialConfig.bodyLimit} bytes` : `body: ${error.message}`;
      return reply.status(status).send({ error: code, message, field: 'body', requestId });
    }
    // The database is away (restarting, failing over): nothing is lost, the device retries.
    if (isDatabaseUnavailable(error) || isTransientDatabaseError(error)) {
      request.log.warn({ err: { message: error.message, code: (error as { code?: string }).code } }, 'database unavailable');
      return reply.status(503).header('retry-after', String(RETRY_AFTER_SECONDS))
        .send({ error: 'database-unavailable', message: 'the server cannot reach its database just now; nothing was changed, try again shortly', requestId });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: 'internal', message: 'something went wrong on the server; quote this request id', requestId });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: 'not-found', message: `no route ${request.method} ${request.url.split('?')[0]}`, requestId: String(request.id) }),
  );
}
