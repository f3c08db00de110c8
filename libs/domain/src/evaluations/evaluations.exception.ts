import { BadUserInputError, ForbiddenError, NotFoundError, QuotaExceededError } from '@loris/engine';

/** The same answer for a missing id and another tenant's id: existence elsewhere is not revealed. */
export class EvaluationNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`Evaluation ${id} was not found`);
  }
}

/** An evaluation that cannot start as asked; the message says what to change. Nothing was queued. */
export class InvalidEvaluationRequestError extends BadUserInputError {}

export class EvaluationForbiddenError extends ForbiddenError {
  constructor(what: string) {
    super(`Only an OWNER or an ENGINEER may ${what}`);
  }
}

export class EvaluationFinishedError extends BadUserInputError {
  constructor(id: string, status: string) {
    super(`Evaluation ${id} already ended (${status}); nothing to cancel`);
  }
}

export class EvaluationSamplesQuotaError extends QuotaExceededError {
  constructor(limit: number, left: number, asked: number, renewsAt: Date) {
    super(
      `This evaluation needs ${asked} samples, but your workspace has ${left} of its ${limit} evaluation ` +
        `samples left this month; use fewer seeds, versions or segments, or retry after ${renewsAt.toISOString()}`,
      renewsAt,
    );
  }
}
