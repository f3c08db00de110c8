import { IntrinsicException } from '@nestjs/common';

/** The codes a client can see in `extensions.code`. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  RATE_LIMITED = 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/**
 * An error whose message is written for the user. Extends IntrinsicException so Nest does not log
 * expected outcomes (a wrong password, a missing dataset) as failures.
 */
export abstract class AppError extends IntrinsicException {
  abstract readonly code: ErrorCode;
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
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests; try again in ${retryAfterSeconds} s`);
  }
}
