import type { NextRequest } from 'next/server';
import { SoundtrackJobDocument } from '@/graphql/generated';
import { isApiError, requestGraphql } from '@/lib/api/graphql-client';
import { sessionCredentials } from '@/lib/session/session';
import { jobEventStream } from '@/modules/soundtracks/server/job-event-stream';
import { apiErrorAnswer, noSessionAnswer } from '@/modules/soundtracks/server/route-answers';
import { eventStreamHeaders } from '@/modules/soundtracks/server/event-stream-headers';

// A job's updates as Server-Sent Events (what the job page's EventSource reads), or, asked for JSON, the
// job as it is now: the page polls that when an EventSource cannot be kept open.
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const credentials = await sessionCredentials();
  if (!credentials) return noSessionAnswer();
  const { id } = await params;
  if (request.headers.get('accept')?.includes('application/json')) {
    try {
      const { soundtrackJob } = await requestGraphql(SoundtrackJobDocument, { id }, credentials);
      return Response.json({ job: soundtrackJob }, { headers: { 'cache-control': 'no-store' } });
    } catch (error) {
      if (isApiError(error)) return apiErrorAnswer(error);
      throw error;
    }
  }
  return new Response(jobEventStream([id], credentials, request.signal), {
    headers: eventStreamHeaders,
  });
}
