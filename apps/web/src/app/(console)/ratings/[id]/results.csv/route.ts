import type { NextRequest } from 'next/server';
import { sessionCredentials } from '@/lib/session/session';
import { forwardResultsCsv } from '@/modules/ratings/server/results-csv-proxy';
import { noSessionAnswer } from '@/modules/soundtracks/server/route-answers';

// The campaign page's CSV downloads: ?shape=condition (MOS per system) or ?shape=clip (MOS per clip).
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const credentials = await sessionCredentials();
  if (!credentials) return noSessionAnswer();
  const shape = request.nextUrl.searchParams.get('shape') === 'clip' ? 'clip' : 'condition';
  return forwardResultsCsv((await params).id, shape, credentials);
}
