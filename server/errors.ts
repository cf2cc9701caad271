/**
 * Unexpected or request-ending failures of the server, as typed errors. Expected business
 * outcomes (an order already picked up) are values in the push results, not errors.
 * http/error-handler.ts maps each class to one HTTP status.
 */
export class AppError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly field?: string,
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
  constructor(message: string) {
    super(message, 'forbidden', 403);
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

export class TooManyRequestsError extends AppError {
  constructor(message: string) {
    super(message, 'too-many-requests', 429);
  }
}

/** A migration failed or the migration files are malformed: the server must not start. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** A configuration value (environment or CLI flag) is wrong: names the setting and what it expects. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
