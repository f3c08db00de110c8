import {
  BadUserInputError,
  NotFoundError,
  QuotaExceededError,
  RateLimitedError,
  ServiceUnavailableError,
} from '@loris/engine';

// How long a client should wait before asking again when all its job slots are busy: about one short job.
const BUSY_RETRY_SECONDS = 15;

export class ConcurrentJobsLimitError extends RateLimitedError {
  constructor(maxJobs: number) {
    super(
      BUSY_RETRY_SECONDS,
      `Your tenant already has ${maxJobs} soundtrack job(s) queued or running, its limit; ` +
        `wait for one to finish (try again in ${BUSY_RETRY_SECONDS} s) or cancel one`,
    );
  }
}

export class MonthlySecondsQuotaError extends QuotaExceededError {
  constructor(maxSeconds: number, leftSeconds: number, renewsAt: Date) {
    super(
      `This request would exceed your tenant's ${maxSeconds} s of audio per month ` +
        `(${Math.floor(leftSeconds)} s left); ask for fewer seconds or retry after ${renewsAt.toISOString()}`,
      renewsAt,
    );
  }
}

// A failed enqueue is a Redis fault, usually brief: a few seconds is a fair first wait.
const QUEUE_RETRY_SECONDS = 5;

/**
 * The job row was stored but the queue refused it, so the row was marked FAILED (uncharged, its
 * idempotencyKey released) and the client is told to send the same request again after
 * `retryAfterSeconds`.
 */
export class QueueUnavailableError extends ServiceUnavailableError {
  constructor() {
    super(
      `The soundtrack queue is unavailable, so nothing was queued and nothing is charged; ` +
        `send the same request again in ${QUEUE_RETRY_SECONDS} s (the same idempotencyKey is fine)`,
      QUEUE_RETRY_SECONDS,
    );
  }
}

export class SoundtrackJobNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`Soundtrack job ${id} was not found`);
  }
}

/** The same answer for a missing upload and another tenant's: existence elsewhere is not revealed. */
export class UploadNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`Upload ${id} was not found; upload the file with POST /v1/uploads first`);
  }
}

export class InvalidSoundtrackRequestError extends BadUserInputError {}

export class JobAlreadyFinishedError extends BadUserInputError {
  constructor(id: string, status: string) {
    super(`Soundtrack job ${id} is already ${status} and cannot be cancelled`);
  }
}

/** A replayed idempotencyKey that asks for something other than the job it first made. */
export class IdempotencyKeyConflictError extends BadUserInputError {
  constructor(key: string, fields: string[]) {
    super(
      `idempotencyKey "${key}" was already used for a job with other settings (${fields.join(', ')} differ); ` +
        'send the same request to get that job again, or use a new key for a new one',
    );
  }
}
