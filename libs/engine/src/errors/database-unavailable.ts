import { isDatabaseUnavailable } from '@loris/db';
import { ServiceUnavailableError } from './app-error';

const RETRY_AFTER_SECONDS = 2;

/**
 * The answer for an error that only says Postgres was away (a restart, a failover): SERVICE_UNAVAILABLE
 * with a retry hint, instead of the INTERNAL_SERVER_ERROR an unknown error gets. Undefined for anything else.
 */
export function databaseUnavailableError(error: unknown): ServiceUnavailableError | undefined {
  if (!isDatabaseUnavailable(error)) return undefined;
  return new ServiceUnavailableError(
    `The database is unavailable for a moment; send the request again in ${RETRY_AFTER_SECONDS} s`,
    RETRY_AFTER_SECONDS,
  );
}
