import { apiErrorFromBody } from '@/lib/api/api-error';
import { apiUrl } from '@/lib/api/api-url';
import { credentialHeaders, type Credentials } from '@/lib/api/graphql-client';
import { failureAnswer, unreachableAnswer } from '@/modules/soundtracks/server/route-answers';

// The API's comparison CSV, fetched with the session's token and handed to the browser as a download; a
// refusal (an id not found) is the API's, passed on as JSON.
export async function forwardComparisonCsv(ids: string[], credentials: Credentials): Promise<Response> {
  let upstream: Response;
  try {
    upstream = await fetch(
      `${apiUrl()}/v1/evaluations/compare.csv?ids=${ids.map(encodeURIComponent).join(',')}`,
      { headers: credentialHeaders(credentials), cache: 'no-store' },
    );
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
      'content-disposition': 'attachment; filename="evaluation-comparison.csv"',
      'cache-control': 'private, no-store',
    },
  });
}
