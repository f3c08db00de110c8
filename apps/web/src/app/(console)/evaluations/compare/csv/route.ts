import type { NextRequest } from 'next/server';
import { forwardCsv } from '@/modules/soundtracks/server/csv-download';
import { sessionCredentials } from '@/lib/session/session';
import { compareIds } from '@/modules/evaluations/lib/evaluation-form';
import { noSessionAnswer } from '@/modules/soundtracks/server/route-answers';

// The compare page's "Download CSV": the API's compare.csv of the same evaluations.
export async function GET(request: NextRequest) {
  const credentials = await sessionCredentials();
  if (!credentials) return noSessionAnswer();
  const ids = compareIds(request.nextUrl.searchParams.getAll('ids'));
  return forwardCsv(
    `/v1/evaluations/compare.csv?ids=${ids.map(encodeURIComponent).join(',')}`,
    'evaluation-comparison.csv',
    credentials,
  );
}
