import type { NextRequest } from 'next/server';
import { apiErrorFor } from '@/lib/api/api-error';
import { sessionCredentials } from '@/lib/session/session';
import { followedVideoIds } from '@/modules/curation/lib/followed-videos';
import { videoEventStream } from '@/modules/curation/server/video-event-stream';
import { eventStreamHeaders } from '@/modules/soundtracks/server/event-stream-headers';
import { failureAnswer, noSessionAnswer } from '@/modules/soundtracks/server/route-answers';

// The dataset page's live rows: updates of its unfinished videos (`?id=` each) as Server-Sent Events over
// one API socket. The API answers NOT_FOUND for another workspace's video, relayed as a `failure` event.
export async function GET(request: NextRequest) {
  const credentials = await sessionCredentials();
  if (!credentials) return noSessionAnswer();
  const followed = followedVideoIds(request.nextUrl.searchParams);
  if ('problem' in followed) {
    return failureAnswer(400, apiErrorFor('BAD_USER_INPUT', followed.problem));
  }
  return new Response(videoEventStream(followed.ids, credentials, request.signal), {
    headers: eventStreamHeaders,
  });
}
