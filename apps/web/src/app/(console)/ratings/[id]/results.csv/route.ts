import type { NextRequest } from 'next/server';
import { forwardCsv } from '@/modules/soundtracks/server/csv-download';
import { sessionCredentials } from '@/lib/session/session';
import { noSessionAnswer } from '@/modules/soundtracks/server/route-answers';

// The campaign page's CSV downloads in the P.808 toolkit's shape: ?shape=condition (MOS per system) or
// ?shape=clip (MOS per clip), named as the toolkit names them.
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const credentials = await sessionCredentials();
  if (!credentials) return noSessionAnswer();
  const shape = request.nextUrl.searchParams.get('shape') === 'clip' ? 'clip' : 'condition';
  const id = encodeURIComponent((await params).id);
  return forwardCsv(
    `/v1/rating-campaigns/${id}/results.csv?shape=${shape}`,
    `votes_per_${shape === 'clip' ? 'clip' : 'cond'}.csv`,
    credentials,
  );
}
