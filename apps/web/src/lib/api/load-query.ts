import { redirect } from 'next/navigation';
import type { TypedDocumentString } from '@/graphql/generated';
import type { ApiErrorCode } from './api-error';
import type { Credentials } from './graphql-client';
import { isApiError, requestGraphql } from './graphql-client';

export type Loaded<T> =
  { data: T; error?: undefined; code?: undefined } | { data?: undefined; error: string; code: ApiErrorCode };

// For pages: an API refusal becomes words on the page instead of an error screen; an ended session sends
// the visitor to log in again.
export async function loadQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  credentials: Credentials,
): Promise<Loaded<TResult>> {
  try {
    return { data: await requestGraphql(document, variables, credentials) };
  } catch (error) {
    if (isApiError(error, 'UNAUTHENTICATED')) redirect('/login?expired=1');
    if (isApiError(error)) return { error: error.message, code: error.code };
    throw error;
  }
}
