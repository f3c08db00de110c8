/**
 * The one rule every argument value obeys, whatever field it arrives in (so a field added later is covered
 * without a decorator): text that Postgres can store, numbers that every column and the model can hold.
 *
 * - Text: no U+0000 (Postgres refuses it in text, and the insert would fail as a 500) and no lone UTF-16
 *   surrogate (it cannot be encoded as UTF-8: it would be stored silently replaced by U+FFFD).
 * - Numbers: finite, and within float32 range: the model computes in float32, where a larger guidance
 *   becomes Infinity, and no input of this API means anything that large. GraphQL's Int is already Int32.
 */
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const FLOAT_LIMIT = 3.4028234663852886e38;

/** What is wrong with `value` (named by `path`, e.g. "input.name"), or null when it obeys the rule. */
export function inputRuleViolation(value: unknown, path: string): string | null {
  if (typeof value === 'string') return textViolation(value, path);
  if (typeof value === 'number') return numberViolation(value, path);
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = inputRuleViolation(item, `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      const found = inputRuleViolation(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

function textViolation(text: string, path: string): string | null {
  if (text.includes('\u0000')) return `${path} must not contain the NUL character (U+0000)`;
  if (LONE_SURROGATE.test(text)) {
    return `${path} must be valid Unicode text: it contains a lone surrogate (U+D800 to U+DFFF outside a pair)`;
  }
  return null;
}

function numberViolation(n: number, path: string): string | null {
  if (!Number.isFinite(n) || Math.abs(n) > FLOAT_LIMIT) {
    return `${path} must be a finite number between -3.4e38 and 3.4e38`;
  }
  return null;
}
