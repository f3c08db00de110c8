import { BadUserInputError, NotFoundError } from '@loris/engine';

/** The same answer for a missing id and another tenant's id: existence elsewhere is not revealed. */
export class VideoNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`Video ${id} was not found`);
  }
}

export class SegmentNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`Segment ${id} was not found`);
  }
}

export class DatasetVersionNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`Dataset version ${id} was not found`);
  }
}

export class InvalidCurationRequestError extends BadUserInputError {}

export class VideoIngestFinishedError extends BadUserInputError {
  constructor(id: string, status: string) {
    super(`Video ${id} is ${status}; only a queued or ingesting video can be cancelled`);
  }
}

export class NothingToFreezeError extends BadUserInputError {
  constructor() {
    super('The dataset has no accepted segments; accept some before freezing a version');
  }
}
