import { EntityManager } from 'typeorm';
import {
  ArtifactEntity,
  DatasetSplit,
  DatasetVersionEntity,
  DatasetVersionSegmentEntity,
  isUuid,
  SegmentEntity,
} from '@loris/db';
import {
  genreList,
  InferenceError,
  ModelContract,
  resolveSoundtrackRequest,
  SamplingSettings,
  samplingSettings,
} from '@loris/inference';
import { DatasetVersionNotFoundError } from '../curation/curation.exception';
import { ResolvedModelVersion } from '../models/serving-versions.service';
import { InvalidEvaluationRequestError } from './evaluations.exception';
import { EvaluationRequest } from './evaluations.views';

/** Bounds that keep one run to a size a console shows and a month's quota can hold. */
export const MAX_EVALUATION_VERSIONS = 8;
export const MAX_EVALUATION_SEEDS = 16;
const MAX_SEED = 2 ** 31 - 1;

/** The request's shape, checked before any query: ids, split and seeds. */
export interface CheckedShape {
  modelVersionIds: string[];
  datasetVersionId: string;
  split: DatasetSplit;
  seeds: number[];
}

export function checkRequestShape(request: EvaluationRequest): CheckedShape {
  const ids = request.modelVersionIds ?? [];
  if (ids.length < 1 || ids.length > MAX_EVALUATION_VERSIONS) {
    throw new InvalidEvaluationRequestError(
      `Give 1 to ${MAX_EVALUATION_VERSIONS} model versions to evaluate (got ${ids.length})`,
    );
  }
  if (new Set(ids).size !== ids.length) {
    throw new InvalidEvaluationRequestError('modelVersionIds names a version twice; name each once');
  }
  const seeds = request.seeds ?? [0];
  if (seeds.length < 1 || seeds.length > MAX_EVALUATION_SEEDS) {
    throw new InvalidEvaluationRequestError(`Give 1 to ${MAX_EVALUATION_SEEDS} seeds (got ${seeds.length})`);
  }
  const bad = seeds.find((seed) => !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED);
  if (bad !== undefined) {
    throw new InvalidEvaluationRequestError(`seeds must be integers from 0 to ${MAX_SEED}, got ${bad}`);
  }
  if (new Set(seeds).size !== seeds.length) {
    throw new InvalidEvaluationRequestError('seeds names a seed twice; name each once');
  }
  const split = request.split ?? DatasetSplit.TEST;
  if (!Object.values(DatasetSplit).includes(split)) {
    throw new InvalidEvaluationRequestError(
      `split must be one of ${Object.values(DatasetSplit).join(', ')}, got "${split}"`,
    );
  }
  return { modelVersionIds: ids, datasetVersionId: request.datasetVersionId, split, seeds };
}

/** A segment of the split, with what generating and scoring it needs. */
export interface SplitSegment {
  id: string;
  genre: string | null;
  lengthSeconds: number;
  posesArtifactId: string | null;
  wavArtifactId: string;
}

/** The frozen version, refused when unknown (or another tenant's) or not frozen. */
export async function frozenVersion(m: EntityManager, id: string): Promise<DatasetVersionEntity> {
  const version = isUuid(id) ? await m.findOneBy(DatasetVersionEntity, { id }) : null;
  if (!version) throw new DatasetVersionNotFoundError(id);
  if (!version.frozenAt) {
    throw new InvalidEvaluationRequestError(
      `Dataset version ${version.number} is not frozen; freeze it first, so the evaluation's data cannot change`,
    );
  }
  return version;
}

/** The split's segments in id order (the run's stable order), read once. */
export function splitSegments(
  m: EntityManager,
  versionId: string,
  split: DatasetSplit,
): Promise<SplitSegment[]> {
  return m
    .createQueryBuilder(SegmentEntity, 'segment')
    .innerJoin(
      DatasetVersionSegmentEntity,
      'member',
      'member.segment_id = segment.id AND member.version_id = :versionId AND member.split = :split',
      { versionId, split },
    )
    .select([
      'segment.id',
      'segment.genre',
      'segment.lengthSeconds',
      'segment.posesArtifactId',
      'segment.wavArtifactId',
    ])
    .orderBy('segment.id', 'ASC')
    .getMany();
}

/**
 * Every segment must be one a sample can be made and scored from: a genre to condition on, a pose track to
 * generate from, and its ground-truth audio in the store. A refusal names the segments (a few of them).
 */
export async function checkSegments(
  m: EntityManager,
  version: DatasetVersionEntity,
  split: DatasetSplit,
  segments: SplitSegment[],
): Promise<void> {
  if (segments.length === 0) {
    const counts = Object.entries(version.stats?.bySplit ?? {})
      .map(([name, count]) => `${name} ${count}`)
      .join(', ');
    throw new InvalidEvaluationRequestError(
      `The ${split} split of dataset version ${version.number} has no segments` +
        (counts ? ` (it has ${counts}); choose another split` : '; choose another split'),
    );
  }
  const named = (list: SplitSegment[]) =>
    list
      .slice(0, 5)
      .map((s) => s.id)
      .join(', ') + (list.length > 5 ? ` and ${list.length - 5} more` : '');
  const noGenre = segments.filter((s) => !s.genre);
  if (noGenre.length) {
    throw new InvalidEvaluationRequestError(
      `${noGenre.length} segment(s) of the split have no genre, which a model needs to generate: ${named(noGenre)}`,
    );
  }
  const noPoses = segments.filter((s) => !s.posesArtifactId);
  if (noPoses.length) {
    throw new InvalidEvaluationRequestError(
      `${noPoses.length} segment(s) of the split have no pose track to generate from: ${named(noPoses)}`,
    );
  }
  const wavIds = segments.map((s) => s.wavArtifactId);
  const present = new Set(
    (
      await m
        .createQueryBuilder(ArtifactEntity, 'artifact')
        .select('artifact.id')
        .where('artifact.id IN (:...ids)', { ids: wavIds })
        .getMany()
    ).map((a) => a.id),
  );
  const noAudio = segments.filter((s) => !present.has(s.wavArtifactId));
  if (noAudio.length) {
    throw new InvalidEvaluationRequestError(
      `${noAudio.length} segment(s) of the split have no ground-truth audio to score against: ${named(noAudio)}`,
    );
  }
}

/** Refuses a version whose genre vocabulary misses a genre of the split, naming the missing ones. */
export function checkGenres(version: ResolvedModelVersion, segments: SplitSegment[]): void {
  const known = new Set(version.contract.genres);
  const missing = [...new Set(segments.map((s) => s.genre as string))].filter((g) => !known.has(g)).sort();
  if (missing.length) {
    throw new InvalidEvaluationRequestError(
      `Model version ${version.label} (${version.id}) does not know the genre(s) ${missing
        .map((g) => `"${g}"`)
        .join(', ')} of the split; it knows ${genreList(version.contract)}`,
    );
  }
}

/**
 * The sampler settings with the first version's card defaults, checked by libs/inference (the same checks a
 * soundtrack request gets), and every version asked to take every (genre, length) of the split: anything
 * generation would refuse mid-run is refused now.
 */
export function checkSettings(
  versions: ResolvedModelVersion[],
  segments: SplitSegment[],
  request: Pick<EvaluationRequest, 'sampler' | 'steps' | 'guidance'>,
): Omit<SamplingSettings, 'seed'> {
  const asked = {
    sampler: request.sampler ?? undefined,
    steps: request.steps ?? undefined,
    guidance: request.guidance ?? undefined,
  };
  const { sampler, steps, guidance } = refuseAs(() => samplingSettings(versions[0].contract, asked));
  const shapes = new Map(segments.map((s) => [`${s.genre}/${s.lengthSeconds}`, s]));
  for (const version of versions) {
    for (const segment of shapes.values()) {
      refuseAs(() => resolveFor(version.contract, segment, { sampler, steps, guidance }), version);
    }
  }
  return { sampler, steps, guidance };
}

function resolveFor(
  contract: ModelContract,
  segment: SplitSegment,
  settings: Omit<SamplingSettings, 'seed'>,
): void {
  resolveSoundtrackRequest(contract, {
    genre: segment.genre as string,
    seconds: segment.lengthSeconds,
    inputSeconds: segment.lengthSeconds,
    seed: 0,
    ...settings,
  });
}

function refuseAs<T>(check: () => T, version?: ResolvedModelVersion): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof InferenceError) {
      const who = version ? `Model version ${version.label} (${version.id}): ` : '';
      throw new InvalidEvaluationRequestError(`${who}${error.message}`);
    }
    throw error;
  }
}
