// The queue registry: every job of the platform, its queue, payload and policy, in one place. A new job
// is one entry here, a handler in its libs/domain folder and a processor in apps/worker (see the README's
// "Where things go").
import type { AuditDetails } from '@loris/db';
import { defineJob, TenantJobData } from './job-definition';
import { QueueName } from './queue-name.enum';

// What Bull keeps after a job ends: enough to inspect recent failures, bounded so Redis does not grow.
const KEEP = { removeOnComplete: 1000, removeOnFail: 5000 } as const;

export interface RecordAuditEventJobData extends TenantJobData {
  action: string;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  objectType: string;
  objectId: string | null;
  /** The API request it came from, when it came from one. */
  requestId: string | null;
  details: AuditDetails;
  /** When it happened (ISO 8601), not when the worker got to it. */
  occurredAt: string;
}

/**
 * One audit event row. Retried often: a lost event is a hole in the log. No Bull timeout: a timed-out run
 * goes on in the background, and its retry would write the event twice.
 */
export const RECORD_AUDIT_EVENT = defineJob<RecordAuditEventJobData>({
  queue: QueueName.AUDIT,
  name: 'record-audit-event',
  options: { attempts: 5, backoff: { type: 'exponential', delay: 1000 }, ...KEEP },
});

/** The generate queue's payload: the worker reads everything else from the job row. */
export interface GenerateSoundtrackJobData extends TenantJobData {
  jobId: string;
}

/**
 * One soundtrack job. The Bull id is the row's id, so a replayed request cannot queue it twice. No Bull
 * timeout: a run is bounded by its sampler steps and ends early only by cancellation (a timeout would
 * start a second run while the first still computes).
 */
export const GENERATE_SOUNDTRACK = defineJob<GenerateSoundtrackJobData>({
  queue: QueueName.GENERATE,
  name: 'generate-soundtrack',
  options: { attempts: 3, backoff: { type: 'exponential', delay: 2000 }, ...KEEP },
  jobId: (data) => data.jobId,
});

/** The ingest queue's payload: the worker reads the video, its upload and its dataset from their rows. */
export interface IngestVideoJobData extends TenantJobData {
  videoId: string;
}

/**
 * One source video of a dataset, cut into segments (issue 14). The Bull id is the video's id, so adding
 * the same video twice queues it once. No Bull timeout: a timed-out run would go on computing while its
 * retry starts; a retry skips the segments its predecessor already wrote (keyed by video, start, length).
 */
export const INGEST_VIDEO = defineJob<IngestVideoJobData>({
  queue: QueueName.INGEST,
  name: 'ingest-video',
  options: { attempts: 3, backoff: { type: 'exponential', delay: 2000 }, ...KEEP },
  jobId: (data) => data.videoId,
});

/** The payload of an imported segment's job: the worker reads its parts from its segment_imports row. */
export type IngestSegmentJobData = IngestVideoJobData;

/**
 * One imported segment (a LORIS release item or a manifest line: a WAV, a pose track, maybe I3D, and no
 * video), made into a segment with its features (issue 14). Keyed like ingest-video by its video row's id
 * (an imported segment's row has no source video); a retry finds the segment if its predecessor wrote it.
 */
export const INGEST_SEGMENT = defineJob<IngestSegmentJobData>({
  queue: QueueName.INGEST,
  name: 'ingest-segment',
  options: { attempts: 3, backoff: { type: 'exponential', delay: 2000 }, ...KEEP },
  jobId: (data) => data.videoId,
});

/** The evaluate queue's payload: the worker reads the run, its versions and its split from the rows. */
export interface EvaluateModelJobData extends TenantJobData {
  runId: string;
}

/**
 * One evaluation run (issue 15): every (segment, version, seed) of it, generated and scored. The Bull id is
 * the run's id. Retried after a worker crash (a stalled job is picked up again): the handler skips the
 * samples already written, keyed by (run, version, segment, seed), so a retry goes on where it stopped. No
 * Bull timeout: a timed-out run would go on while its retry starts.
 */
export const EVALUATE_MODEL = defineJob<EvaluateModelJobData>({
  queue: QueueName.EVALUATE,
  name: 'evaluate-model',
  options: { attempts: 3, backoff: { type: 'exponential', delay: 2000 }, ...KEEP },
  jobId: (data) => data.runId,
});

/** The train queue's payload: the worker reads the run's settings from its training_runs row. */
export interface TrainModelJobData extends TenantJobData {
  runId: string;
}

/**
 * One training run (issue 15). The Bull id is the run's id, so a run is queued once. A worker killed mid-run
 * leaves the job stalled; Bull hands it to another worker, which resumes from the run's last stored
 * checkpoint, not from step 0. Attempts cover a few such deaths (and the failures that are retried); a
 * trainer that fails on its own ends the run FAILED without a retry. No Bull timeout: the run has its own
 * wall-clock limit (TRAINING_MAX_SECONDS), and a Bull timeout would start a second run beside the first.
 */
export const TRAIN_MODEL = defineJob<TrainModelJobData>({
  queue: QueueName.TRAIN,
  name: 'train-model',
  options: { attempts: 5, backoff: { type: 'fixed', delay: 2000 }, ...KEEP },
  jobId: (data) => data.runId,
});

/** The prepare job of a MOS campaign (issue 17): the worker reads the campaign's rows. */
export interface PrepareRatingCampaignJobData extends TenantJobData {
  campaignId: string;
}

/**
 * Makes every stimulus of a campaign (system x item through the generation path, gold, traps, the
 * environment check), normalised to -23 LUFS, then opens the campaign. On the evaluate queue: batch
 * generation, kept off the generate slots of API requests. Queued once per DRAFT -> PREPARING move (under the
 * campaign's row lock), so no fixed Bull id: a campaign prepared again after a failure must queue anew. A retry
 * skips the stimuli already made. No Bull timeout (a timed-out run would go on beside its retry).
 */
export const PREPARE_RATING_CAMPAIGN = defineJob<PrepareRatingCampaignJobData>({
  queue: QueueName.EVALUATE,
  name: 'prepare-rating-campaign',
  options: { attempts: 3, backoff: { type: 'exponential', delay: 2000 }, ...KEEP },
});

/** Every job, for checks that walk the registry (names unique per queue, each with a processor). */
export const JOB_DEFINITIONS = [
  RECORD_AUDIT_EVENT,
  GENERATE_SOUNDTRACK,
  INGEST_VIDEO,
  INGEST_SEGMENT,
  EVALUATE_MODEL,
  TRAIN_MODEL,
  PREPARE_RATING_CAMPAIGN,
] as const;
