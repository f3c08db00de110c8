import { sessionCredentials } from '@/lib/session/session';
import { noSessionAnswer } from '@/modules/soundtracks/server/route-answers';
import { forwardUpload } from '@/modules/soundtracks/server/upload-proxy';

// POST the raw file as the body; answers the API's {id, kind, bytes, mediaType} or {error: {code, message}}.
export async function POST(request: Request): Promise<Response> {
  const credentials = await sessionCredentials();
  if (!credentials) return noSessionAnswer();
  return forwardUpload(request, credentials);
}
