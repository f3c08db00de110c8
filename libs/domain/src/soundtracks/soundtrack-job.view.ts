import { SoundtrackJobEntity, SoundtrackJobStatus } from '@loris/db';

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
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** The path of GET /v1/media/:id, where the API serves a stored file. */
export const mediaUrl = (artifactId: string) => `/v1/media/${artifactId}`;

const mediaRef = (id: string | null): MediaRefView | null => (id ? { id, url: mediaUrl(id) } : null);

export function toSoundtrackJobView(job: SoundtrackJobEntity): SoundtrackJobView {
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
