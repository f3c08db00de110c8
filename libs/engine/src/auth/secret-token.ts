import { createHash, randomBytes } from 'node:crypto';

/** A random secret with a readable prefix (`lsk_` API keys, `inv_` invitations); 256 bits of entropy. */
export function generateSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/**
 * SHA-256, hex. Enough for high-entropy secrets (unlike passwords they cannot be guessed), and it lets
 * the database find a key by its hash with an index.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
