import { apiErrorFor, apiErrorFromBody } from '@/lib/api/api-error';
import { apiUrl } from '@/lib/api/api-url';
import { credentialHeaders, type Credentials } from '@/lib/api/graphql-client';
import { failureAnswer, unreachableAnswer } from '@/modules/soundtracks/server/route-answers';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Streams the API's export tar of a version to the browser with the session's token, named as the API
// names it. A refusal (unknown format, unfrozen or missing version) is the API's, passed on as JSON. An
// id that is not a UUID never reaches the API (a path such as `..` would resolve to another API route).
// The body is passed through as it arrives: if the API aborts midway, so does this answer, and the
// browser's download fails instead of saving a shorter tar.
export async function forwardVersionExport(
  request: Request,
  id: string,
  format: string,
  credentials: Credentials,
): Promise<Response> {
  if (!uuid.test(id)) {
    return failureAnswer(404, apiErrorFor('NOT_FOUND', `Dataset version ${id} was not found`));
  }
  let upstream: Response;
  try {
    upstream = await fetch(
      `${apiUrl()}/v1/dataset-versions/${id}/export.tar?format=${encodeURIComponent(format)}`,
      { headers: credentialHeaders(credentials), signal: request.signal, cache: 'no-store' },
    );
  } catch {
    return unreachableAnswer();
  }
  if (upstream.status !== 200 || !upstream.body) {
    const body: unknown = await upstream.json().catch(() => null);
    return failureAnswer(upstream.status, apiErrorFromBody(upstream.status, body));
  }
  const headers = new Headers({
    'content-type': 'application/x-tar',
    // private: one workspace's data. no-transform: a compressing layer must not re-encode the archive.
    'cache-control': 'private, no-store, no-transform',
  });
  const disposition = upstream.headers.get('content-disposition');
  if (disposition) headers.set('content-disposition', disposition);
  return new Response(upstream.body, { status: 200, headers });
}
