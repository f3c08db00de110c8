import {
  ArtifactEntity,
  BUILTIN_MODEL_VERSION_ID,
  SoundtrackJobEntity,
  SoundtrackJobStage,
  SoundtrackJobStatus,
  SoundtrackSync,
} from '@loris/db';

/** A stored file of a job: download it with GET url (same credentials as GraphQL). */
export interface MediaRefView {
  id: string;
  url: string;
}

/** A soundtrack job as its tenant sees it, and as its updates are published. */
export interface SoundtrackJobView {
  id: string;
  status: SoundtrackJobStatus;
  /** From 0 to 1; 1 when the result is stored. */
  progress: number;
  error: { code: string; message: string } | null;
  genre: string;
  seconds: number;
  seed: number;
  steps: number;
  sampler: string;
  guidance: number;
  audio: MediaRefView | null;
  video: MediaRefView | null;
  /** The uploaded input's own file name; null for an upload that gave none. */
  inputName: string | null;
  /** How long the input lasts. */
  inputSeconds: number | null;
  /** The card (`name@version`) of the model that served the job, once it started generating. */
  modelVersion: string | null;
  /** The registry version that serves the job, chosen when it was requested. */
  modelVersionId: string;
  stage: SoundtrackJobStage;
  /** Seconds of generation left at the sampler's observed step rate; only in updates while GENERATING. */
  etaSeconds: number | null;
  sync: SoundtrackSync | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** The path of GET /v1/media/:id, where the API serves a stored file. */
export const mediaUrl = (artifactId: string) => `/v1/media/${artifactId}`;

const mediaRef = (id: string | null): MediaRefView | null => (id ? { id, url: mediaUrl(id) } : null);

/** What a view shows of the job's input artifact. */
export type SoundtrackJobInput = Pick<ArtifactEntity, 'fileName' | 'durationSeconds'>;

/** What only the running worker knows, published with its updates and never stored. */
export interface LiveJobFacts {
  etaSeconds?: number;
}

/**
 * The job as its tenant sees it: the row, its input (null if it could not be read), and while the worker
 * runs it, what only the worker knows. The ETA is given only while the job is generating.
 */
export function toSoundtrackJobView(
  job: SoundtrackJobEntity,
  input: SoundtrackJobInput | null,
  live: LiveJobFacts = {},
): SoundtrackJobView {
  const generating =
    job.status === SoundtrackJobStatus.RUNNING && job.stage === SoundtrackJobStage.GENERATING;
  return {
    id: job.id,
    status: job.status,
    progress: job.progress,
    error: job.errorCode ? { code: job.errorCode, message: job.errorMessage ?? '' } : null,
    genre: job.genre,
    seconds: job.seconds,
    seed: job.seed,
    steps: job.steps,
    sampler: job.sampler,
    guidance: job.guidance,
    audio: mediaRef(job.audioArtifactId),
    video: mediaRef(job.videoArtifactId),
    inputName: input?.fileName ?? null,
    inputSeconds: input?.durationSeconds ?? null,
    modelVersion: job.modelVersion,
    modelVersionId: job.modelVersionId ?? BUILTIN_MODEL_VERSION_ID,
    stage: job.stage,
    etaSeconds: generating ? (live.etaSeconds ?? null) : null,
    sync: job.sync,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}

const DATES = ['createdAt', 'startedAt', 'finishedAt'] as const;

/** A published update (the JSON of a SoundtrackJobView) back into one. */
export function parseSoundtrackJobUpdate(json: string): SoundtrackJobView {
  const job = JSON.parse(json) as SoundtrackJobView;
  for (const key of DATES) if (job[key]) job[key] = new Date(job[key] as unknown as string);
  return job;
}

const FINISHED = new Set([
  SoundtrackJobStatus.SUCCEEDED,
  SoundtrackJobStatus.FAILED,
  SoundtrackJobStatus.CANCELLED,
]);

export const isFinished = (status: SoundtrackJobStatus) => FINISHED.has(status);

/** The topic of soundtrack jobs on the job events channel. */
export const SOUNDTRACK_JOB_TOPIC = 'soundtrack-job';
