import { apiErrorFor, apiErrorFromBody } from '@/lib/api/api-error';
import { apiUrl } from '@/lib/api/api-url';
import { credentialHeaders, type Credentials } from '@/lib/api/graphql-client';
import { failureAnswer, unreachableAnswer } from './route-answers';

// Asked of the API as the browser asked: Range makes seeking in <audio>/<video> work, and the validators
// let a replayed range be answered from cache.
const forwardedRequestHeaders = ['range', 'if-range', 'if-none-match', 'if-modified-since'];
const forwardedResponseHeaders = [
  'content-type',
  'content-length',
  'content-range',
  'accept-ranges',
  'etag',
  'last-modified',
];
// Statuses whose body is the media itself (or nothing), passed through untouched.
const mediaStatuses = new Set([200, 206, 304, 416]);

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const extensions: Record<string, string> = { 'audio/wav': 'wav', 'video/mp4': 'mp4' };

function attachmentName(id: string, contentType: string | null): string {
  const extension = extensions[contentType?.split(';')[0].trim() ?? ''] ?? 'bin';
  return `soundtrack-${id}.${extension}`;
}

// Streams GET /v1/media/:id of the API to the browser with the session's token. Another workspace's id is
// the API's 404, passed on as it is. An id that is not a UUID never reaches the API: a path such as `..`
// would otherwise be resolved by URL rules into another API route, sent with the user's token.
export async function forwardMedia(
  request: Request,
  id: string,
  credentials: Credentials,
  options: { download: boolean },
): Promise<Response> {
  if (!uuid.test(id)) return failureAnswer(404, apiErrorFor('NOT_FOUND', `Media ${id} was not found`));
  const headers = credentialHeaders(credentials);
  for (const name of forwardedRequestHeaders) {
    const value = request.headers.get(name);
    if (value) headers[name] = value;
  }
  let upstream: Response;
  try {
    upstream = await fetch(`${apiUrl()}/v1/media/${id}`, {
      headers,
      signal: request.signal,
      cache: 'no-store',
    });
  } catch {
    return unreachableAnswer();
  }
  if (!mediaStatuses.has(upstream.status)) {
    const body: unknown = await upstream.json().catch(() => null);
    return failureAnswer(upstream.status, apiErrorFromBody(upstream.status, body));
  }
  const answer = new Headers();
  for (const name of forwardedResponseHeaders) {
    const value = upstream.headers.get(name);
    if (value) answer.set(name, value);
  }
  // private: one user's media, never for shared caches. no-transform: a compressing layer (next start
  // gzips by default) must not re-encode a byte range, or Content-Range would describe other bytes.
  answer.set('cache-control', 'private, no-transform');
  if (options.download) {
    answer.set(
      'content-disposition',
      `attachment; filename="${attachmentName(id, upstream.headers.get('content-type'))}"`,
    );
  }
  return new Response(upstream.body, { status: upstream.status, headers: answer });
}
