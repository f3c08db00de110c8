import { apiErrorFor, apiErrorFromBody } from '@/lib/api/api-error';
import { apiUrl } from '@/lib/api/api-url';
import { credentialHeaders, type Credentials } from '@/lib/api/graphql-client';
import type { UploadedMedia } from '../lib/job-types';
import { failureAnswer, unreachableAnswer } from './route-answers';
import { postStream, type PostAnswer } from './stream-post';

// Passes the browser's request body on to the API's POST /v1/uploads as a stream: a 500 MB video goes
// through this server a chunk at a time, as fast as the API reads it, never whole in memory. The API
// decides the kind from the bytes, so the browser's file name and type are not trusted for anything: the
// name (X-File-Name, percent-encoded) is passed on only to be kept, shown and used to name downloads.
export async function forwardUpload(request: Request, credentials: Credentials): Promise<Response> {
  if (!request.body) return failureAnswer(400, apiErrorFor('BAD_USER_INPUT', 'Choose a file to upload.'));
  const headers: Record<string, string> = {
    'content-type': 'application/octet-stream',
    ...credentialHeaders(credentials),
  };
  const givenName = request.headers.get('x-file-name');
  if (givenName) headers['x-file-name'] = givenName;
  let upstream: PostAnswer;
  try {
    upstream = await postStream(new URL(`${apiUrl()}/v1/uploads`), headers, request.body, request.signal);
  } catch {
    return unreachableAnswer();
  }
  if (upstream.status !== 201) {
    return failureAnswer(upstream.status, apiErrorFromBody(upstream.status, upstream.body));
  }
  // Only the fields the console knows are passed on to the browser, whatever else the API answers.
  const { id, kind, bytes, mediaType, fileName, durationSeconds, frames, fps, width, height } =
    upstream.body as UploadedMedia;
  const uploaded: UploadedMedia = {
    id,
    kind,
    bytes,
    mediaType,
    fileName,
    durationSeconds,
    frames,
    fps,
    width,
    height,
  };
  return Response.json(uploaded, { status: 201, headers: { 'cache-control': 'no-store' } });
}
