import type { NextRequest } from 'next/server';
import { sessionCredentials } from '@/lib/session/session';
import { compareIds } from '@/modules/evaluations/lib/evaluation-form';
import { forwardComparisonCsv } from '@/modules/evaluations/server/comparison-csv-proxy';
import { noSessionAnswer } from '@/modules/soundtracks/server/route-answers';

// The compare page's "Download CSV": the API's compare.csv of the same evaluations.
export async function GET(request: NextRequest) {
  const credentials = await sessionCredentials();
  if (!credentials) return noSessionAnswer();
  return forwardComparisonCsv(compareIds(request.nextUrl.searchParams.getAll('ids')), credentials);
}
