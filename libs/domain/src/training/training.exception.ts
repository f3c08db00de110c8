import {
  BadUserInputError,
  ForbiddenError,
  NotFoundError,
  QuotaExceededError,
  ServiceUnavailableError,
} from '@loris/engine';

export class TrainingRunNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`Training run ${id} was not found`);
  }
}

export class TrainingForbiddenError extends ForbiddenError {
  constructor() {
    super('Only owners and engineers start or cancel training runs');
  }
}

/** Any refusal of a run's settings, in words that name the field. */
export class InvalidTrainingRunError extends BadUserInputError {}

export class InvalidOverrideError extends InvalidTrainingRunError {
  constructor(problem: string) {
    super(`Invalid override: ${problem}`);
  }
}

/** The dataset's genres are not all in the model's vocabulary: the trainer would stop at its first segment. */
export class GenresOutsideVocabularyError extends InvalidTrainingRunError {
  constructor(missing: string[], vocabulary: string[]) {
    super(
      `The dataset version has genres the model's vocabulary lacks: ${missing.join(', ')}. ` +
        `Its vocabulary is ${vocabulary.join(', ')}; add them with the override conditions.genres ` +
        '(the full list) or relabel those segments',
    );
  }
}

export class EmptyTrainSplitError extends InvalidTrainingRunError {
  constructor(versionId: string) {
    super(
      `Dataset version ${versionId} has no training examples (its train split is empty, or none of its ` +
        `segments has a genre and pose features); freeze a version with segments in its train split`,
    );
  }
}

/** `reason`: what the Kubernetes backend found missing, with what to set (kubernetesClusterConfigured). */
export class KubernetesNotConfiguredError extends InvalidTrainingRunError {
  constructor(reason: string) {
    super(reason);
  }
}

export class TrainingRunFinishedError extends InvalidTrainingRunError {
  constructor(id: string, status: string) {
    super(`Training run ${id} is already ${status}`);
  }
}

export class NothingToResumeError extends InvalidTrainingRunError {
  constructor(id: string) {
    super(`Training run ${id} has no stored checkpoint to resume from`);
  }
}

export class TrainingMinutesQuotaError extends QuotaExceededError {
  constructor(limit: number, renewsAt: Date) {
    super(
      `Your tenant has used its ${limit} training minutes of this month; ` +
        `retry after ${renewsAt.toISOString()} or ask an operator for more`,
      renewsAt,
    );
  }
}

export class TrainingQueueUnavailableError extends ServiceUnavailableError {
  constructor() {
    super(
      'The training queue is unavailable, so the run was not started; start it again in a few seconds',
      5,
    );
  }
}
