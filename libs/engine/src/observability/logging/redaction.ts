// What never reaches a log line. Paths are pino redaction paths: structured fields at the top or one
// level down (e.g. `{ input: { password } }`, `{ headers: { authorization } }`).
const SECRET_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'tokenSecret',
  'apiKey',
  'authorization',
  'cookie',
  'x-api-key',
];

export const REDACTED = '[REDACTED]';

// Keys that are not identifiers need pino's bracket form.
const member = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`);

export const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => [
  member(key).replace(/^\./, ''),
  `*${member(key)}`,
  `*.headers${member(key)}`,
]);

// Secrets that slip into message text: bearer credentials, API keys and invitation secrets (their
// prefixes, see generateSecret), and passwords in connection URLs.
const SECRET_TEXT: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [/\b(lsk|inv)_[A-Za-z0-9_-]{16,}/g, `$1_${REDACTED}`],
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+):[^\s@/]+@/gi, `$1:${REDACTED}@`],
];

export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_TEXT) out = out.replace(pattern, replacement);
  return out;
}
