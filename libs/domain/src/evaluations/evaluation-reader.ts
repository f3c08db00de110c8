import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import {
  DatasetEntity,
  DatasetVersionEntity,
  EvaluationRunEntity,
  EvaluationRunModelEntity,
  EvaluationSampleEntity,
  EvaluationSummaryEntity,
  isUuid,
  ModelVersionEntity,
  SegmentEntity,
  TenantUnitOfWork,
  VideoEntity,
} from '@loris/db';
import { BadUserInputError, Page } from '@loris/engine';
import { modelNames, ServingVersions } from '../models/serving-versions.service';
import { compareEvaluations, Comparison, ComparisonInput } from './evaluation-comparison';
import { EvaluationScores, summarizeSamples } from './evaluation-summary';
import { EvaluationNotFoundError } from './evaluations.exception';
import {
  EvaluationModelView,
  EvaluationSampleSort,
  EvaluationSampleView,
  EvaluationSamplesQuery,
  EvaluationView,
} from './evaluations.views';

/** The most evaluations one comparison puts side by side (each brings up to 8 rows). */
export const MAX_COMPARED_EVALUATIONS = 20;

/** The column each sort of the per-sample table orders by. */
const SORT_COLUMNS: Record<EvaluationSampleSort, string> = {
  CREATED: 'sample.created_at',
  BCS: 'sample.bcs',
  BHS: 'sample.bhs',
  F1: 'sample.f1',
  ONSET_F: 'sample.onset_f',
  RHYTHM_F: 'sample.rhythm_f',
  GENERATE_SECONDS: 'sample.generate_seconds',
  SCORE_SECONDS: 'sample.score_seconds',
};

const toScores = (row: EvaluationSummaryEntity): EvaluationScores => ({
  samples: row.samples,
  bcs: row.bcs,
  csd: row.csd,
  bhs: row.bhs,
  hsd: row.hsd,
  f1: row.f1,
  onsetF: row.onsetF,
  rhythmF: row.rhythmF,
  rhythmSamples: row.rhythmSamples,
  generateSeconds: row.generateSeconds,
  scoreSeconds: row.scoreSeconds,
});

/**
 * Reads evaluations as views: a run with its versions and their summaries, the per-sample rows (sortable by
 * any score), and the comparison of several runs. Everything under the tenant's row-level security: another
 * tenant's run reads as missing.
 */
@Injectable()
export class EvaluationReader {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly versions: ServingVersions,
  ) {}

  async view(tenantId: string, id: string): Promise<EvaluationView> {
    if (!isUuid(id)) throw new EvaluationNotFoundError(id);
    const run = await this.uow.run(tenantId, (m) => m.findOneBy(EvaluationRunEntity, { id }));
    if (!run) throw new EvaluationNotFoundError(id);
    const [view] = await this.views(tenantId, [run]);
    return view;
  }

  views(tenantId: string, runs: EvaluationRunEntity[]): Promise<EvaluationView[]> {
    if (runs.length === 0) return Promise.resolve([]);
    return this.uow.run(tenantId, async (m) => {
      const ids = runs.map((r) => r.id);
      const models = await m.find(EvaluationRunModelEntity, {
        where: { runId: In(ids) },
        order: { ordinal: 'ASC' },
      });
      const summaries = await m.findBy(EvaluationSummaryEntity, { runId: In(ids) });
      const labels = await this.labels(
        m,
        models.map((row) => row.modelVersionId),
      );
      const datasetVersions = await m.findBy(DatasetVersionEntity, {
        id: In([...new Set(runs.map((r) => r.datasetVersionId))]),
      });
      const datasets = await m.findBy(DatasetEntity, {
        id: In([...new Set(datasetVersions.map((v) => v.datasetId))]),
      });
      const versionOf = new Map(datasetVersions.map((v) => [v.id, v]));
      const datasetName = new Map(datasets.map((d) => [d.id, d.name]));
      const summaryOf = new Map(summaries.map((s) => [`${s.runId}/${s.modelVersionId}`, toScores(s)]));
      return runs.map((run): EvaluationView => {
        const dataset = versionOf.get(run.datasetVersionId);
        const runModels: EvaluationModelView[] = models
          .filter((row) => row.runId === run.id)
          .map((row) => ({
            modelVersionId: row.modelVersionId,
            ordinal: row.ordinal,
            label: labels.get(row.modelVersionId) ?? row.modelVersionId,
            summary: summaryOf.get(`${run.id}/${row.modelVersionId}`) ?? null,
          }));
        return {
          id: run.id,
          status: run.status,
          datasetVersionId: run.datasetVersionId,
          datasetVersionNumber: dataset?.number ?? 0,
          datasetName: (dataset && datasetName.get(dataset.datasetId)) ?? '',
          split: run.split,
          sampler: run.sampler,
          steps: run.steps,
          guidance: run.guidance,
          seeds: run.seeds,
          scorerVersion: run.scorerVersion,
          totalSamples: run.totalSamples,
          doneSamples: run.doneSamples,
          progress: run.totalSamples ? run.doneSamples / run.totalSamples : 0,
          errorCode: run.errorCode,
          errorMessage: run.errorMessage,
          models: runModels,
          createdAt: run.createdAt,
          startedAt: run.startedAt,
          finishedAt: run.finishedAt,
        };
      });
    });
  }

  /** "<model name> (<card name@version>)" of each version. */
  async labels(m: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await m.findBy(ModelVersionEntity, { id: In([...new Set(ids)]) });
    const names = await modelNames(
      m,
      rows.map((row) => row.modelId),
    );
    const labels = new Map<string, string>();
    for (const row of rows) {
      const card = row.tenantId === null ? await this.versions.contractOf(row) : null;
      const label = card ? `${card.name}@${card.version}` : row.label;
      labels.set(row.id, `${names.get(row.modelId) ?? 'model'} v${row.number} (${label})`);
    }
    return labels;
  }

  /**
   * One page of samples of the given evaluations, sorted by any score (nulls last), then by id. The cursor
   * is the offset: a sort by a score has no stable keyset a client could hold, and samples are few.
   */
  async samples(tenantId: string, query: EvaluationSamplesQuery): Promise<Page<EvaluationSampleView>> {
    const ids = this.checkIds(query.evaluationIds);
    const offset = decodeOffset(query.after);
    const sort = SORT_COLUMNS[query.sort ?? 'CREATED'];
    if (!sort) throw new BadUserInputError(`sort must be one of ${Object.keys(SORT_COLUMNS).join(', ')}`);
    return this.uow.run(tenantId, async (m) => {
      await this.requireRuns(m, ids);
      const builder = m
        .createQueryBuilder(EvaluationSampleEntity, 'sample')
        .where('sample.run_id IN (:...ids)', { ids })
        .orderBy(sort, query.descending ? 'DESC' : 'ASC', 'NULLS LAST')
        .addOrderBy('sample.id', 'ASC')
        .offset(offset)
        .limit(query.first + 1);
      if (query.segmentId) {
        if (!isUuid(query.segmentId)) throw new BadUserInputError('segmentId must be a segment id');
        builder.andWhere('sample.segment_id = :segmentId', { segmentId: query.segmentId });
      }
      const rows = await builder.getMany();
      const page = rows.slice(0, query.first);
      const segments = page.length
        ? await m.findBy(SegmentEntity, { id: In([...new Set(page.map((s) => s.segmentId))]) })
        : [];
      const videos = segments.length
        ? await m.findBy(VideoEntity, { id: In([...new Set(segments.map((s) => s.videoId))]) })
        : [];
      const segmentOf = new Map(segments.map((s) => [s.id, s]));
      const videoOf = new Map(videos.map((v) => [v.id, v]));
      return {
        edges: page.map((sample, i) => {
          const segment = segmentOf.get(sample.segmentId);
          const video = segment ? videoOf.get(segment.videoId) : undefined;
          return {
            cursor: encodeOffset(offset + i + 1),
            node: {
              id: sample.id,
              evaluationId: sample.runId,
              modelVersionId: sample.modelVersionId,
              segmentId: sample.segmentId,
              seed: sample.seed,
              genre: segment?.genre ?? null,
              audioArtifactId: sample.audioArtifactId,
              groundTruthArtifactId: segment?.wavArtifactId ?? '',
              groundTruthOnsetsArtifactId: segment?.onsetsArtifactId ?? null,
              onsetTimes: sample.onsetTimes,
              hasVideo: Boolean(video?.sourceArtifactId),
              bcs: sample.bcs,
              bhs: sample.bhs,
              f1: sample.f1,
              onsetF: sample.onsetF,
              rhythmF: sample.rhythmF,
              generatedOnsets: sample.generatedOnsets,
              scorerVersion: sample.scorerVersion,
              generateSeconds: sample.generateSeconds,
              scoreSeconds: sample.scoreSeconds,
              createdAt: sample.createdAt,
            },
          };
        }),
        pageInfo: {
          hasNextPage: rows.length > query.first,
          endCursor: page.length ? encodeOffset(offset + page.length) : null,
        },
      };
    });
  }

  /**
   * The paper-table rows of the given evaluations, in the order given, each run's versions in its order. A
   * run that has not ended has no summary yet: its row is summarised from the samples written so far, and a
   * warning says so; a version with no sample yet has no row.
   */
  async comparison(tenantId: string, evaluationIds: string[]): Promise<Comparison> {
    const ids = this.checkIds(evaluationIds);
    return this.uow.run(tenantId, async (m) => {
      const runs = await this.requireRuns(m, ids);
      const models = await m.find(EvaluationRunModelEntity, {
        where: { runId: In(ids) },
        order: { ordinal: 'ASC' },
      });
      const summaries = await m.findBy(EvaluationSummaryEntity, { runId: In(ids) });
      const summaryOf = new Map(summaries.map((s) => [`${s.runId}/${s.modelVersionId}`, toScores(s)]));
      const partial = runs.filter(
        (run) =>
          !models.every((row) => row.runId !== run.id || summaryOf.has(`${run.id}/${row.modelVersionId}`)),
      );
      const samples = partial.length
        ? await m.findBy(EvaluationSampleEntity, { runId: In(partial.map((r) => r.id)) })
        : [];
      const labels = await this.labels(
        m,
        models.map((row) => row.modelVersionId),
      );
      const inputs: ComparisonInput[] = [];
      for (const run of runs) {
        for (const row of models.filter((r) => r.runId === run.id)) {
          const key = `${run.id}/${row.modelVersionId}`;
          const own = samples.filter((s) => s.runId === run.id && s.modelVersionId === row.modelVersionId);
          const scores = summaryOf.get(key) ?? (own.length ? summarizeSamples(own) : null);
          if (!scores) continue;
          inputs.push({
            evaluationId: run.id,
            modelVersionId: row.modelVersionId,
            label: labels.get(row.modelVersionId) ?? row.modelVersionId,
            datasetVersionId: run.datasetVersionId,
            split: run.split,
            scorerVersion: run.scorerVersion,
            scores,
          });
        }
      }
      const comparison = compareEvaluations(inputs);
      for (const run of partial) {
        comparison.warnings.push(
          `Evaluation ${run.id} is ${run.status} with ${run.doneSamples} of ${run.totalSamples} samples: its rows are partial`,
        );
      }
      return comparison;
    });
  }

  private checkIds(ids: string[]): string[] {
    const unique = [...new Set(ids)];
    if (unique.length === 0 || unique.length > MAX_COMPARED_EVALUATIONS) {
      throw new BadUserInputError(
        `Give 1 to ${MAX_COMPARED_EVALUATIONS} evaluation ids (got ${unique.length})`,
      );
    }
    for (const id of unique) if (!isUuid(id)) throw new EvaluationNotFoundError(id);
    return unique;
  }

  /** The runs in the order asked; NOT_FOUND naming the first one missing (or another tenant's). */
  private async requireRuns(m: EntityManager, ids: string[]): Promise<EvaluationRunEntity[]> {
    const runs = await m.findBy(EvaluationRunEntity, { id: In(ids) });
    const byId = new Map(runs.map((run) => [run.id, run]));
    const missing = ids.find((id) => !byId.has(id));
    if (missing) throw new EvaluationNotFoundError(missing);
    return ids.map((id) => byId.get(id) as EvaluationRunEntity);
  }
}

function encodeOffset(offset: number): string {
  return Buffer.from(`offset:${offset}`, 'utf8').toString('base64url');
}

function decodeOffset(after: string | null | undefined): number {
  if (!after) return 0;
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  if (!match) throw new BadUserInputError('after must be an endCursor returned by a previous page');
  return Number(match[1]);
}
