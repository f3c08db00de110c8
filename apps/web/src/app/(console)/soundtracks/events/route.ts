import type { NextRequest } from 'next/server';
import { apiErrorFor } from '@/lib/api/api-error';
import { sessionCredentials } from '@/lib/session/session';
import { followedJobIds } from '@/modules/soundtracks/lib/followed-job-ids';
import { jobEventStream } from '@/modules/soundtracks/server/job-event-stream';
import { failureAnswer, noSessionAnswer } from '@/modules/soundtracks/server/route-answers';
import { eventStreamHeaders } from '@/modules/soundtracks/server/event-stream-headers';

// The Soundtracks list's live rows: updates of the page's unfinished jobs (`?id=` each), as Server-Sent
// Events over one API socket, so a page of running jobs holds one connection rather than one per row.
export async function GET(request: NextRequest) {
  const credentials = await sessionCredentials();
  if (!credentials) return noSessionAnswer();
  const followed = followedJobIds(request.nextUrl.searchParams);
  if ('problem' in followed) {
    return failureAnswer(400, apiErrorFor('BAD_USER_INPUT', followed.problem));
  }
  return new Response(jobEventStream(followed.ids, credentials, request.signal), {
    headers: eventStreamHeaders,
  });
}
