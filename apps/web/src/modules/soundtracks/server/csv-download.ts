import { apiErrorFromBody } from '@/lib/api/api-error';
import { apiUrl } from '@/lib/api/api-url';
import { credentialHeaders, type Credentials } from '@/lib/api/graphql-client';
import { failureAnswer, unreachableAnswer } from './route-answers';

// A CSV of the API (`path` under its origin, query included), fetched with the session's token and handed
// to the browser as a download named `fileName`; a refusal is the API's, passed on as JSON, so a script
// and the browser see the same status and words. Private and unstored: results change as votes arrive.
export async function forwardCsv(
  path: string,
  fileName: string,
  credentials: Credentials,
): Promise<Response> {
  let upstream: Response;
  try {
    upstream = await fetch(`${apiUrl()}${path}`, {
      headers: credentialHeaders(credentials),
      cache: 'no-store',
    });
  } catch {
    return unreachableAnswer();
  }
  if (upstream.status !== 200) {
    const body: unknown = await upstream.json().catch(() => null);
    return failureAnswer(upstream.status, apiErrorFromBody(upstream.status, body));
  }
  return new Response(await upstream.text(), {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'private, no-store',
    },
  });
}
