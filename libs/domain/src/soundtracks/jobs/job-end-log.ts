import { ArtifactEntity, SoundtrackJobEntity, SoundtrackJobStatus } from '@loris/db';

const FINAL = new Set([
  SoundtrackJobStatus.SUCCEEDED,
  SoundtrackJobStatus.FAILED,
  SoundtrackJobStatus.CANCELLED,
]);

/**
 * The one line the worker logs when a soundtrack job ends, as a Nest log message: `msg` for people, the rest
 * as structured fields for log queries (pino merges them next to the jobId/tenantId of the log context).
 * Undefined while the row is not final (a run that will be retried has not ended its job). Built from the
 * row as stored, so the outcome is what the job ended as even when a cancel or the reaper won the race.
 */
export function jobEndLog(
  job: SoundtrackJobEntity,
  input: Pick<ArtifactEntity, 'id' | 'kind'> | null,
): (Record<string, unknown> & { msg: string }) | undefined {
  if (!FINAL.has(job.status)) return undefined;
  const outcome = job.status.toLowerCase();
  // startedAt is the first attempt's start, so retries count: the time the job took, not its last run.
  const durationSeconds =
    job.startedAt && job.finishedAt
      ? Math.round(job.finishedAt.getTime() - job.startedAt.getTime()) / 1000
      : null;
  const inputKind = input?.kind ?? null;
  const failure = job.errorCode ? ` (${job.errorCode})` : '';
  const took = durationSeconds === null ? '' : ` in ${durationSeconds.toFixed(1)} s`;
  return {
    msg:
      `soundtrack job ${job.id} of tenant ${job.tenantId} ${outcome}${failure}: ${job.seconds} s ` +
      `from ${inputKind ?? 'input'} ${job.inputArtifactId}${took}`,
    jobId: job.id,
    tenantId: job.tenantId,
    inputArtifactId: job.inputArtifactId,
    inputKind,
    seconds: job.seconds,
    durationSeconds,
    outcome,
    errorCode: job.errorCode,
  };
}
