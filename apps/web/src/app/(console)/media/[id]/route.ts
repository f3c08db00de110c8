import type { NextRequest } from 'next/server';
import { sessionCredentials } from '@/lib/session/session';
import { forwardMedia } from '@/modules/soundtracks/server/media-proxy';
import { noSessionAnswer } from '@/modules/soundtracks/server/route-answers';

// A soundtrack's WAV or MP4 for <audio>/<video> (Range passed through) or, with ?download=1, as a file,
// named after its input, genre and seed when ?job= names the job it belongs to.
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const credentials = await sessionCredentials();
  if (!credentials) return noSessionAnswer();
  const { id } = await params;
  return forwardMedia(request, id, credentials, {
    download: request.nextUrl.searchParams.get('download') === '1',
    jobId: request.nextUrl.searchParams.get('job') ?? undefined,
  });
}
