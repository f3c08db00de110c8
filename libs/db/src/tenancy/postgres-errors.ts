import { QueryFailedError } from 'typeorm';

/** True when `error` is Postgres' unique_violation (23505), optionally on the named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const driverError =
    error instanceof QueryFailedError
      ? (error.driverError as { code?: string; constraint?: string })
      : undefined;
  if (driverError?.code !== '23505') return false;
  return constraint === undefined || driverError.constraint === constraint;
}
