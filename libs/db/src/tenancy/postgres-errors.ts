import { QueryFailedError } from 'typeorm';

interface PgError {
  code?: string;
  constraint?: string;
  message?: string;
}

/**
 * True when `error` is Postgres' unique_violation (23505), optionally on the named constraint, whether it
 * came through TypeORM (QueryFailedError) or straight from pg.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = (error instanceof QueryFailedError ? error.driverError : error) as PgError | undefined;
  if (pgError?.code !== '23505') return false;
  return constraint === undefined || pgError.constraint === constraint;
}

// SQLSTATE class 08 (connection exception), and 57P01-57P03: the server is shutting down, restarting or
// starting (admin_shutdown, crash_shutdown, cannot_connect_now).
const UNAVAILABLE_STATES = /^(08...|57P0[123])$/;
// Socket-level failures (no SQLSTATE): refused, reset or cut connections, and pg's own wording for them.
const UNAVAILABLE_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
const UNAVAILABLE_MESSAGE =
  /^Connection terminated|^timeout exceeded when trying to connect|Client has encountered a connection error/;

/**
 * True when `error` says Postgres could not be reached or went away mid-request (a restart, a failover),
 * not that the request was wrong: the caller may answer "try again" rather than "internal error".
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const pgError = (error instanceof QueryFailedError ? error.driverError : error) as PgError | undefined;
  if (!pgError || typeof pgError !== 'object') return false;
  if (
    typeof pgError.code === 'string' &&
    (UNAVAILABLE_STATES.test(pgError.code) || UNAVAILABLE_SOCKET.has(pgError.code))
  )
    return true;
  return typeof pgError.message === 'string' && UNAVAILABLE_MESSAGE.test(pgError.message);
}
