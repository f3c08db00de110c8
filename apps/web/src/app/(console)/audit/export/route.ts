import type { NextRequest } from 'next/server';
import { sessionCredentials } from '@/lib/session/session';
import { readAuditFilter, toApiFilter } from '@/modules/audit/lib/audit-filter';
import { auditCsvAnswer } from '@/modules/audit/server/audit-csv';
import { noSessionAnswer } from '@/modules/soundtracks/server/route-answers';

// The audit log as CSV, with the filters of the page that links here (its address's query).
export async function GET(request: NextRequest) {
  const credentials = await sessionCredentials();
  if (!credentials) return noSessionAnswer();
  const params = readAuditFilter((name) => request.nextUrl.searchParams.get(name) ?? undefined);
  return auditCsvAnswer(toApiFilter(params), credentials);
}
