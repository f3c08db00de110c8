import { QueryFailedError } from 'typeorm';

interface PgError {
  code?: string;
  constraint?: string;
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
