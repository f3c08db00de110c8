import { SoundtrackJobDownloadDocument } from '@/graphql/generated';
import { apiErrorFor, apiErrorFromBody } from '@/lib/api/api-error';
import { apiUrl } from '@/lib/api/api-url';
import { credentialHeaders, requestGraphql, type Credentials } from '@/lib/api/graphql-client';
import { downloadName } from '../lib/download-name';
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

// The name a download is saved under: what it is (input, genre, seed: downloadName) when it is one of the
// files of the job it is asked for with, else by its id. The job is read with the user's own token, so the
// name never tells anything the user could not read anyway; failing to read it only costs the nice name.
async function attachmentName(
  id: string,
  contentType: string | null,
  jobId: string | undefined,
  credentials: Credentials,
): Promise<string> {
  const extension = extensions[contentType?.split(';')[0].trim() ?? ''] ?? 'bin';
  if (jobId && uuid.test(jobId)) {
    try {
      const { soundtrackJob: job } = await requestGraphql(
        SoundtrackJobDownloadDocument,
        { id: jobId },
        credentials,
      );
      if (job.audio?.id === id || job.video?.id === id) return downloadName(job, extension);
    } catch {
      // Named by its id below.
    }
  }
  return `soundtrack-${id}.${extension}`;
}

// Streams GET /v1/media/:id of the API to the browser with the session's token. Another workspace's id is
// the API's 404, passed on as it is. An id that is not a UUID never reaches the API: a path such as `..`
// would otherwise be resolved by URL rules into another API route, sent with the user's token. A download
// asked for with the job it belongs to (`job`) is named after what it is.
export async function forwardMedia(
  request: Request,
  id: string,
  credentials: Credentials,
  options: { download: boolean; jobId?: string },
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
    const name = await attachmentName(id, upstream.headers.get('content-type'), options.jobId, credentials);
    answer.set('content-disposition', `attachment; filename="${name}"`);
  }
  return new Response(upstream.body, { status: upstream.status, headers: answer });
}
