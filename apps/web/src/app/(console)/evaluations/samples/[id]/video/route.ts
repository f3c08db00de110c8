import type { NextRequest } from 'next/server';
import { apiErrorFromBody } from '@/lib/api/api-error';
import { apiUrl } from '@/lib/api/api-url';
import { credentialHeaders } from '@/lib/api/graphql-client';
import { sessionCredentials } from '@/lib/session/session';
import {
  failureAnswer,
  noSessionAnswer,
  unreachableAnswer,
} from '@/modules/soundtracks/server/route-answers';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A sample (or, ?audio=ground-truth, its ground truth) muxed into its segment's video, from the API.
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const credentials = await sessionCredentials();
  if (!credentials) return noSessionAnswer();
  const { id } = await params;
  if (!uuid.test(id)) return failureAnswer(404, apiErrorFromBody(404, null));
  const audio = request.nextUrl.searchParams.get('audio') === 'ground-truth' ? 'ground-truth' : 'generated';
  let upstream: Response;
  try {
    upstream = await fetch(`${apiUrl()}/v1/evaluations/samples/${id}/video.mp4?audio=${audio}`, {
      headers: credentialHeaders(credentials),
      signal: request.signal,
      cache: 'no-store',
    });
  } catch {
    return unreachableAnswer();
  }
  if (upstream.status !== 200 || !upstream.body) {
    const body: unknown = await upstream.json().catch(() => null);
    return failureAnswer(upstream.status, apiErrorFromBody(upstream.status, body));
  }
  return new Response(upstream.body, {
    status: 200,
    headers: { 'content-type': 'video/mp4', 'cache-control': 'private, no-store' },
  });
}
