import type { TypedDocumentString } from '@/graphql/generated';
import { ApiError, apiErrorFor, parseGraphqlResponse } from './api-error';
import { apiUrl } from './api-url';

export interface Credentials {
  // The session's bearer token; absent for signUp, login and acceptInvitation.
  token?: string;
  // The browser's X-Forwarded-For chain, so the API's per-IP limits can see people rather than this server.
  forwardedFor?: string;
  // The browser's User-Agent, sent when a session starts so the account page can tell sessions apart.
  userAgent?: string;
}

const timeoutMs = 15_000;

// How the API is told who is asking, for GraphQL and the media routes alike.
export function credentialHeaders(credentials: Credentials): Record<string, string> {
  const headers: Record<string, string> = {};
  if (credentials.token) headers.authorization = `Bearer ${credentials.token}`;
  if (credentials.forwardedFor) headers['x-forwarded-for'] = credentials.forwardedFor;
  if (credentials.userAgent) headers['user-agent'] = credentials.userAgent;
  return headers;
}

// Server-side only: the console's pages and actions call the API from the Next.js server, so the session
// token stays in an httpOnly cookie and never reaches browser scripts.
export async function requestGraphql<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  credentials: Credentials = {},
): Promise<TResult> {
  const headers = {
    'content-type': 'application/json',
    accept: 'application/json',
    ...credentialHeaders(credentials),
  };
  let response: Response;
  try {
    response = await fetch(`${apiUrl()}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: document.toString(), variables }),
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw apiErrorFor('API_UNREACHABLE');
  }
  const body: unknown = await response.json().catch(() => null);
  return parseGraphqlResponse<TResult>(response.status, body);
}

export function isApiError(error: unknown, code?: ApiError['code']): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
