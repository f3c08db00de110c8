import { EntityManager, In } from 'typeorm';
import { ArtifactEntity, SoundtrackJobEntity } from '@loris/db';
import type { SoundtrackJobInput } from './soundtrack-job.view';

/** The input artifacts of `jobs`, in their order (null where one cannot be read), in one query. */
export async function inputsOf(
  m: EntityManager,
  jobs: readonly SoundtrackJobEntity[],
): Promise<(SoundtrackJobInput | null)[]> {
  if (jobs.length === 0) return [];
  const ids = [...new Set(jobs.map((job) => job.inputArtifactId))];
  const found = await m.find(ArtifactEntity, {
    where: { id: In(ids) },
    select: { id: true, fileName: true, durationSeconds: true },
  });
  const byId = new Map(found.map((artifact) => [artifact.id, artifact]));
  return jobs.map((job) => byId.get(job.inputArtifactId) ?? null);
}
