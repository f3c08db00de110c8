import type { NextRequest } from 'next/server';
import { sessionCredentials } from '@/lib/session/session';
import { forwardVersionExport } from '@/modules/curation/server/version-export-proxy';
import { noSessionAnswer } from '@/modules/soundtracks/server/route-answers';

// A frozen version's export tar, ?format=manifest|loris, as a download.
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const credentials = await sessionCredentials();
  if (!credentials) return noSessionAnswer();
  const { id } = await params;
  return forwardVersionExport(request, id, request.nextUrl.searchParams.get('format') ?? '', credentials);
}
