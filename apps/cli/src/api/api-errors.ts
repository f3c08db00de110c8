import { CliError } from '../cli.error';

/** One error as the API answers it, on /graphql and on the media routes alike. */
export interface ApiErrorBody {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

/**
 * The API's refusal as a line a user can act on: what the API said, and for the codes that are about the
 * key (rather than the request) what to do about it. The code stays the API's, so scripts can match it.
 */
export function apiRefusal(error: ApiErrorBody, apiUrl: string): CliError {
  const code = error.extensions?.code ?? 'API_ERROR';
  const said = error.message.replace(/\.$/, '');
  switch (code) {
    case 'UNAUTHENTICATED':
      return new CliError(
        code,
        `the API at ${apiUrl} refused the key in LORIS_API_KEY (${said}): check that it is copied whole ` +
          'and has not been revoked or expired',
      );
    case 'FORBIDDEN':
      return new CliError(
        code,
        `${said}: the role of the key in LORIS_API_KEY does not allow this; ask an owner for a key with ` +
          'a role that does',
      );
    case 'NOT_FOUND':
      return new CliError(code, `${said} in the workspace of the key in LORIS_API_KEY`);
    case 'INTERNAL_SERVER_ERROR':
      return new CliError(code, `the API at ${apiUrl} failed (${said}); its logs say why`);
    case 'SERVICE_UNAVAILABLE':
      return new CliError(code, `${said}; try again in a moment`);
    default:
      return new CliError(code, said);
  }
}

/** fetch() failing before any answer: nothing listens there, a bad host name, a reset connection. */
export function apiUnreachable(error: unknown, apiUrl: string): CliError {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const why =
    typeof cause?.code === 'string' ? cause.code : String(cause?.message ?? (error as Error).message);
  return new CliError(
    'API_UNREACHABLE',
    `cannot reach the LORIS API at ${apiUrl} (${why}): start it, or give its address with --api or LORIS_API_URL`,
  );
}

/** An answer that is not the API's JSON: a proxy's error page, or another server on that port. */
export function notTheApi(status: number, apiUrl: string): CliError {
  return new CliError(
    'API_BAD_RESPONSE',
    `${apiUrl} answered HTTP ${status} with something other than the LORIS API's JSON: is --api or ` +
      'LORIS_API_URL the API’s address?',
  );
}
