import { IntrinsicException } from '@nestjs/common';

/** The codes a client can see in `extensions.code`. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  RATE_LIMITED = 'RATE_LIMITED',
  QUOTA_EXCEEDED = 'QUOTA_EXCEEDED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/**
 * An error whose message is written for the user. Extends IntrinsicException so Nest does not log
 * expected outcomes (a wrong password, a missing dataset) as failures.
 */
export abstract class AppError extends IntrinsicException {
  abstract readonly code: ErrorCode;
  /** Machine-readable details a client acts on (e.g. retryAfterSeconds), sent beside `code`. */
  readonly extensions: Record<string, string | number> = {};
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthenticatedError extends AppError {
  readonly code = ErrorCode.UNAUTHENTICATED;
}

export class ForbiddenError extends AppError {
  readonly code = ErrorCode.FORBIDDEN;
}

export class BadUserInputError extends AppError {
  readonly code = ErrorCode.BAD_USER_INPUT;
}

export class NotFoundError extends AppError {
  readonly code = ErrorCode.NOT_FOUND;
}

export class RateLimitedError extends AppError {
  readonly code = ErrorCode.RATE_LIMITED;
  constructor(
    readonly retryAfterSeconds: number,
    message = `Too many requests; try again in ${retryAfterSeconds} s`,
  ) {
    super(message);
    this.extensions.retryAfterSeconds = retryAfterSeconds;
  }
}

export class QuotaExceededError extends AppError {
  readonly code = ErrorCode.QUOTA_EXCEEDED;
  /** `retryAt`: when the quota renews (ISO 8601). */
  constructor(message: string, retryAt: Date) {
    super(message);
    this.extensions.retryAfterSeconds = Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 1000));
    this.extensions.retryAt = retryAt.toISOString();
  }
}

/** A dependency (the job queue) failed for a moment: nothing was done, and the same request may be sent again. */
export class ServiceUnavailableError extends AppError {
  readonly code = ErrorCode.SERVICE_UNAVAILABLE;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.extensions.retryAfterSeconds = retryAfterSeconds;
  }
}
