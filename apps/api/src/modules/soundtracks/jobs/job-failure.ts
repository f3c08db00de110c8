import { InferenceError } from '@loris/inference';
import { InvalidMedia, NoPersonFound } from '@loris/media';
import { InvalidPoseTrack } from '@loris/rhythm';

export interface JobFailure {
  code: string;
  message: string;
  /** False for faults of the input: retrying cannot help. */
  retryable: boolean;
}

const MODEL_FAULTS = new Set(['MODEL_NOT_FOUND', 'MODEL_CONTRACT', 'MODEL_CHECKSUM', 'MODEL_SESSION']);

/** What a job's error tells its user, and whether Bull should try again (transient faults only). */
export function describeFailure(error: unknown): JobFailure {
  if (error instanceof InvalidPoseTrack || error instanceof InvalidMedia) {
    return { code: error.code, message: error.message, retryable: false };
  }
  if (error instanceof NoPersonFound) return { code: error.code, message: error.message, retryable: false };
  if (error instanceof InferenceError && !MODEL_FAULTS.has(error.code)) {
    return { code: error.code, message: error.message, retryable: false };
  }
  // The stack stays in the worker's log; the user gets a message they can act on.
  return {
    code: 'GENERATION_FAILED',
    message: 'The soundtrack could not be generated because of a fault on our side; request it again',
    retryable: true,
  };
}
