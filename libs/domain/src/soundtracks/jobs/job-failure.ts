import { GenerationCancelledError, InferenceError } from '@loris/inference';
import { InvalidMedia, MediaCancelled, NoPersonFound } from '@loris/media';
import { InvalidPoseTrack } from '@loris/rhythm';

/** How a run that threw ends: CANCELLED (nothing to report, never retried) or FAILED with a reason. */
export type JobFailure =
  | { cancelled: true }
  | {
      cancelled: false;
      code: string;
      message: string;
      /** False for faults of the input: retrying cannot help. */
      retryable: boolean;
    };

const MODEL_FAULTS = new Set(['MODEL_NOT_FOUND', 'MODEL_CONTRACT', 'MODEL_SESSION', 'MODEL_CHECKSUM']);

/**
 * What a job's error tells its user, and whether Bull should try again (transient faults only). An abort
 * seen by any stage (ffmpeg and MoveNet while estimating poses, or the sampler) is a cancellation, not a
 * fault: it must not end FAILED nor be retried.
 */
export function describeFailure(error: unknown): JobFailure {
  if (error instanceof MediaCancelled || error instanceof GenerationCancelledError)
    return { cancelled: true };
  if (error instanceof InvalidPoseTrack || error instanceof InvalidMedia || error instanceof NoPersonFound) {
    return { cancelled: false, code: error.code, message: error.message, retryable: false };
  }
  if (error instanceof InferenceError && !MODEL_FAULTS.has(error.code)) {
    return { cancelled: false, code: error.code, message: error.message, retryable: false };
  }
  // The stack stays in the worker's log; the user gets a message they can act on.
  return {
    cancelled: false,
    code: 'GENERATION_FAILED',
    message: 'The soundtrack could not be generated because of a fault on our side; request it again',
    retryable: true,
  };
}
