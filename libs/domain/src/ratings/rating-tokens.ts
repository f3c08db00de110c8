import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';

/** A link or session token: 32 random bytes; only its SHA-256 is stored. */
export function newRaterToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRaterToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The IP as a ban names it: keyed, so the stored hash cannot be reversed by hashing every address. */
export function hashRaterIp(ip: string, secret: string): string {
  return createHmac('sha256', secret).update(`rater-ip:${ip}`, 'utf8').digest('hex');
}

// No 0/O or 1/I/L: a code a rater copies by hand must not be misread.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A completion code (unique per session by a database constraint; 12 characters, about 59 bits). */
export function newCompletionCode(): string {
  let code = '';
  for (let i = 0; i < 12; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** A token shape check before any hashing or lookup: base64url, 43 characters. */
export function looksLikeRaterToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}
