import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { Credentials } from '@/lib/api/graphql-client';

// The API's bearer token lives in an httpOnly cookie: browser scripts never see it, and every call to the
// API is made by this server on the user's behalf.
const sessionCookie = 'loris_session';

// The chain of addresses this request came through, passed on as a proxy would. The API reads it only when
// API_TRUST_PROXY is set, which is right only behind a proxy that overwrites what browsers send.
export async function forwardedFor(): Promise<string | undefined> {
  return (await headers()).get('x-forwarded-for') ?? undefined;
}

export async function hasSession(): Promise<boolean> {
  return (await cookies()).has(sessionCookie);
}

// For route handlers, which answer a script or a media element rather than a person: no session is a 401
// for them to handle, not a redirect to a page.
export async function sessionCredentials(): Promise<Credentials | undefined> {
  const token = (await cookies()).get(sessionCookie)?.value;
  return token ? { token, forwardedFor: await forwardedFor() } : undefined;
}

// For signed-in pages and actions: no cookie means the visitor goes to the log-in page.
export async function requireCredentials(): Promise<Credentials> {
  const credentials = await sessionCredentials();
  if (!credentials) redirect('/login');
  return credentials;
}

// Only from a Server Action: cookies cannot be written while a page renders. The cookie expires with the
// token, so the browser never keeps a session the API would refuse.
export async function startSession({
  token,
  expiresAt,
}: {
  token: string;
  expiresAt: string;
}): Promise<void> {
  const secure = (await headers()).get('x-forwarded-proto') === 'https';
  (await cookies()).set(sessionCookie, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    expires: new Date(expiresAt),
  });
}

export async function endSession(): Promise<void> {
  (await cookies()).delete(sessionCookie);
}
