import type { BrowserContext } from 'playwright-core';

// The API token the console keeps in its httpOnly cookie: a test reads it to ask the API directly what the
// console did (page scripts cannot, which is the point of the cookie).
export async function sessionToken(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === 'loris_session');
  if (!cookie) throw new Error('The browser holds no console session cookie');
  return cookie.value;
}
