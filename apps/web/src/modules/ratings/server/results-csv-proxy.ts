import { apiErrorFromBody } from '@/lib/api/api-error';
import { apiUrl } from '@/lib/api/api-url';
import { credentialHeaders, type Credentials } from '@/lib/api/graphql-client';
import { failureAnswer, unreachableAnswer } from '@/modules/soundtracks/server/route-answers';

// A campaign's results CSV in the P.808 toolkit's shape (per condition or per clip), fetched with the
// session's token and handed to the browser as a download; a refusal is the API's, passed on as JSON.
export async function forwardResultsCsv(
  campaignId: string,
  shape: 'condition' | 'clip',
  credentials: Credentials,
): Promise<Response> {
  let upstream: Response;
  try {
    upstream = await fetch(
      `${apiUrl()}/v1/rating-campaigns/${encodeURIComponent(campaignId)}/results.csv?shape=${shape}`,
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
      'content-disposition': `attachment; filename="votes_per_${shape === 'clip' ? 'clip' : 'cond'}.csv"`,
      'cache-control': 'private, no-store',
    },
  });
}
