import { InvalidMediaOption } from './media.errors';

export function checkPositive(name: string, value: number, max = Number.POSITIVE_INFINITY): void {
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new InvalidMediaOption(`${name} must be a number in (0, ${max}], got ${value}.`);
  }
}

export function checkWindow(startSeconds?: number, durationSeconds?: number): void {
  if (startSeconds !== undefined && (!Number.isFinite(startSeconds) || startSeconds < 0)) {
    throw new InvalidMediaOption(`startSeconds must be >= 0, got ${startSeconds}.`);
  }
  if (durationSeconds !== undefined) checkPositive('durationSeconds', durationSeconds);
}
