import { type FinalFailure, STALLED_FAILURE_CODE } from '@loris/engine';
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

// The stack stays in the worker's log; the user gets a message they can act on.
const OUR_FAULT = 'The soundtrack could not be generated because of a fault on our side; request it again';
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
  return {
    cancelled: false,
    code: 'GENERATION_FAILED',
    message: OUR_FAULT,
    retryable: true,
  };
}

/** How a job ends that no run of ours could end: it is FAILED (never charged) with this code and message. */
export interface LostJob {
  code: string;
  message: string;
}

/** What the user reads when Bull gave the job up (see FinalFailure) before our handler could end it. */
export function describeFinalFailure(failure: FinalFailure): LostJob {
  if (failure.cause === 'stalled') {
    return {
      code: STALLED_FAILURE_CODE,
      message: 'The workers running this job stopped before it finished, more than once; request it again',
    };
  }
  return { code: 'GENERATION_FAILED', message: OUR_FAULT };
}

/**
 * A row that the reaper finds unfinished while the queue no longer holds a live job for it (removed from
 * Redis, or failed/completed without the row being written). FAILED rather than CANCELLED: a cancelled job
 * is charged to the tenant's monthly seconds, and this one was not the tenant's doing.
 */
export const JOB_LOST: LostJob = {
  code: 'JOB_LOST',
  message: 'The job queue lost this job before it finished; it is not charged, request it again',
};
