import type { NextRequest } from 'next/server';
import { EvaluationDocument } from '@/graphql/generated';
import { isApiError, requestGraphql } from '@/lib/api/graphql-client';
import { sessionCredentials } from '@/lib/session/session';
import { evaluationEventStream } from '@/modules/evaluations/server/evaluation-event-stream';
import { eventStreamHeaders } from '@/modules/soundtracks/server/event-stream-headers';
import { apiErrorAnswer, noSessionAnswer } from '@/modules/soundtracks/server/route-answers';

// An evaluation's updates as Server-Sent Events (what its page's EventSource reads), or, asked for JSON, the
// evaluation as it is now: the page polls that when an EventSource cannot be kept open.
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const credentials = await sessionCredentials();
  if (!credentials) return noSessionAnswer();
  const { id } = await params;
  if (request.headers.get('accept')?.includes('application/json')) {
    try {
      const { evaluation } = await requestGraphql(EvaluationDocument, { id }, credentials);
      return Response.json({ evaluation }, { headers: { 'cache-control': 'no-store' } });
    } catch (error) {
      if (isApiError(error)) return apiErrorAnswer(error);
      throw error;
    }
  }
  return new Response(evaluationEventStream(id, credentials, request.signal), {
    headers: eventStreamHeaders,
  });
}
