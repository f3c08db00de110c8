import type { ByteRange } from './blob-store';
import { InvalidByteRange } from './storage.errors';

/** Refuses a range outside a blob of `bytes` bytes (the caller answers 416). */
export function checkRange(range: ByteRange, bytes: number): void {
  const { start, end } = range;
  const whole = Number.isSafeInteger(start) && Number.isSafeInteger(end);
  if (!whole || start < 0 || end < start || end >= bytes) throw new InvalidByteRange(start, end, bytes);
}
