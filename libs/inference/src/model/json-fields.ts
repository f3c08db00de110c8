// Field readers for model.json: each takes the value and its JSON path, returns it typed, and otherwise
// throws a ModelContractError that names the path (`rhythm.preMax must be an integer >= 1, got 2.5`).
import { ModelContractError } from '../inference.errors';

export type JsonObject = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function fail(field: string, expected: string, value: unknown): never {
  throw new ModelContractError(field, `must be ${expected}, got ${describe(value)}`);
}

export function readObject(value: unknown, field: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, 'an object', value);
  return value as JsonObject;
}

export function readString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) fail(field, 'a non-empty string', value);
  return value;
}

export function readLiteral<T extends string | number>(value: unknown, field: string, expected: T): T {
  if (value !== expected) fail(field, JSON.stringify(expected), value);
  return expected;
}

export function readOneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T))
    fail(field, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, value);
  return value as T;
}

export interface NumberBounds {
  integer?: boolean;
  /** Inclusive lower bound. */
  min?: number;
  /** Exclusive lower bound. */
  above?: number;
  /** Inclusive upper bound. */
  max?: number;
}

export function readNumber(value: unknown, field: string, bounds: NumberBounds = {}): number {
  const parts: string[] = [bounds.integer ? 'an integer' : 'a number'];
  if (bounds.above !== undefined) parts.push(`> ${bounds.above}`);
  if (bounds.min !== undefined) parts.push(`>= ${bounds.min}`);
  if (bounds.max !== undefined) parts.push(`<= ${bounds.max}`);
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!bounds.integer || Number.isInteger(value)) &&
    (bounds.above === undefined || value > bounds.above) &&
    (bounds.min === undefined || value >= bounds.min) &&
    (bounds.max === undefined || value <= bounds.max);
  if (!ok) fail(field, parts.join(' '), value);
  return value as number;
}

export function readArray<T>(value: unknown, field: string, item: (v: unknown, field: string) => T): T[] {
  if (!Array.isArray(value)) fail(field, 'an array', value);
  return value.map((v, i) => item(v, `${field}[${i}]`));
}

export function readRecord<T>(
  value: unknown,
  field: string,
  item: (v: unknown, field: string) => T,
): Record<string, T> {
  const object = readObject(value, field);
  return Object.fromEntries(Object.entries(object).map(([key, v]) => [key, item(v, `${field}.${key}`)]));
}
