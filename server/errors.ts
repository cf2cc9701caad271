/**
 * The server's one error family. Every failure the server expects (a bad request, an
 * unknown token, a wrong setting, a failed migration) is an `AppError` with a
 * machine-readable `code`: http/error-handler.ts sends it with its `status`, the CLI
 * prints its message in one line. Anything else is a bug: a 500 with a request id over
 * HTTP, a stack trace in the CLI. Expected business outcomes of a push (an order already
 * picked up) are values in the push results, not errors.
 */
export class AppError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly field?: string,
    /** more for the client, in the body beside the message (ApiError's optional fields) */
    readonly extra?: { attemptsLeft?: number; lockedUntil?: string; retryAfterSeconds?: number },
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The body, query or path does not match its schema; `field` is the dotted path. */
export class ValidationError extends AppError {
  constructor(message: string, field?: string, code = 'invalid-request') {
    super(message, code, 400, field);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'a valid bearer token is required') {
    super(message, 'unauthorized', 401);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string, code = 'forbidden') {
    super(message, code, 403);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(message, 'not-found', 404);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, code = 'conflict') {
    super(message, code, 409);
  }
}

/** The device speaks a sync protocol version this server cannot serve: it needs an update. */
export class UpgradeRequiredError extends AppError {
  constructor(message: string) {
    super(message, 'protocol-version', 426);
  }
}

/** A wrong PIN (or an unknown employee number: the answer is the same). */
export class WrongPinError extends AppError {
  constructor(attemptsLeft: number) {
    super(`wrong employee number or PIN: ${attemptsLeft} ${attemptsLeft === 1 ? 'try' : 'tries'} left before it locks`, 'wrong-pin', 401, undefined, { attemptsLeft });
  }
}

/** A wrong PIN setup code (or an unknown number, or one without a code): counted like a wrong PIN. */
export class WrongSetupCodeError extends AppError {
  constructor(attemptsLeft: number) {
    super(`wrong employee number or code: ${attemptsLeft} ${attemptsLeft === 1 ? 'try' : 'tries'} left before it locks`, 'wrong-setup-code', 401, undefined, { attemptsLeft });
  }
}

/** Too many wrong PINs in a row: the number is locked for a while, even for the right PIN. */
export class SignInLockedError extends AppError {
  constructor(lockedUntil: Date) {
    super(`too many wrong PINs: this employee number is locked until ${lockedUntil.toISOString()}`, 'locked', 423, undefined, { lockedUntil: lockedUntil.toISOString() });
  }
}

/** The tablet locked itself: its staff session serves only its unlock and sign-out until the PIN opens it. */
export class SessionLockedError extends AppError {
  constructor() {
    super('this tablet is locked: the staff member unlocks it with their PIN', 'session-locked', 423);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(message: string, retryAfterSeconds?: number) {
    super(message, 'too-many-requests', 429, undefined, retryAfterSeconds === undefined ? undefined : { retryAfterSeconds });
  }
}

/**
 * The server has more work than it serves at once and this request waited its turn too
 * long: nothing was changed; the device sends it again later (server/db/gate.ts).
 */
export class ServerBusyError extends AppError {
  constructor(message: string, retryAfterSeconds: number) {
    super(message, 'server-busy', 503, undefined, { retryAfterSeconds });
  }
}

/** The client closed its connection before its request was done: no answer reaches it (499, as nginx logs it). */
export class ClientGoneError extends AppError {
  constructor(message: string) {
    super(message, 'client-gone', 499);
  }
}

/** A migration failed or the migration files are malformed: the server must not start. */
export class MigrationError extends AppError {
  constructor(message: string) {
    super(message, 'migration-failed', 500);
  }
}

/** A configuration value (environment or CLI flag) is wrong: names the setting and what it expects. */
export class ConfigError extends AppError {
  constructor(message: string) {
    super(message, 'bad-config', 500);
  }
}

/** Another process holds the embedded database's data folder (server/local/data-dir-lock.ts). */
export class DataDirBusyError extends AppError {
  constructor(message: string) {
    super(message, 'data-dir-busy', 503);
  }
}
