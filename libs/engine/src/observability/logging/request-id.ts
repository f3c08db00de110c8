import { randomUUID } from 'node:crypto';

// Bounded length and a charset without spaces, quotes or control characters: a client's id goes into
// every log line and back into a response header, so it must not be able to forge fields or lines.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@+=/-]{1,128}$/;

/** The client's X-Request-Id when it is sane, a fresh UUID otherwise. */
export function acceptRequestId(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}
