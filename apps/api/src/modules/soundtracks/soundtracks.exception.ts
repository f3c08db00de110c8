import { QuotaExceededError, RateLimitedError } from '../../engine/errors/app-error';

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
