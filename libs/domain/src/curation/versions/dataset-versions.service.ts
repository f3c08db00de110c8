import { Injectable } from '@nestjs/common';
import {
  DatasetEntity,
  DatasetSplit,
  DatasetSplitBy,
  DatasetVersionEntity,
  DatasetVersionSegmentEntity,
  isUuid,
  SegmentReviewStatus,
  TenantUnitOfWork,
} from '@loris/db';
import { cursorAfter, Page, pageOf, TenantContext } from '@loris/engine';
import { AuditService } from '../../audit/audit.service';
import { DatasetNotFoundError } from '../../datasets/datasets.exception';
import {
  DatasetVersionNotFoundError,
  InvalidCurationRequestError,
  NothingToFreezeError,
} from '../curation.exception';
import { DatasetVersionView, toDatasetVersionView } from '../curation.views';
import { assignSplits, checkSplitRatios, DEFAULT_SPLIT_RATIOS, SplitRatios } from './dataset-split';
import { versionStats } from './version-stats';

export interface FreezeRequest {
  splitSeed: number;
  splitBy?: DatasetSplitBy | null;
  ratios?: SplitRatios | null;
}

// Membership rows per INSERT: far under Postgres's 65535 parameters.
const INSERT_CHUNK = 5000;

interface AcceptedRow {
  id: string;
  video_id: string;
  category: string;
  length_seconds: number;
  genre: string | null;
  source_split: DatasetSplit | null;
}

@Injectable()
export class DatasetVersionsService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly audit: AuditService,
  ) {}

  /**
   * Freezes the dataset's accepted segments, as they are now, into its next numbered version, with a
   * seeded split (assignSplits) and Table-1 statistics. One transaction: the dataset row is locked (two
   * freezes number one after the other), the accepted segments are read FOR SHARE (a decision racing the
   * freeze waits for it, and is then refused as frozen), the membership written, and only then the row
   * frozen, after which the database refuses any change to either.
   */
  async freeze(
    caller: TenantContext,
    datasetId: string,
    request: FreezeRequest,
  ): Promise<DatasetVersionView> {
    const ratios = request.ratios ?? DEFAULT_SPLIT_RATIOS;
    const problem = checkSplitRatios(ratios);
    if (problem) throw new InvalidCurationRequestError(problem);
    if (!Number.isSafeInteger(request.splitSeed) || request.splitSeed < 0 || request.splitSeed >= 2 ** 32) {
      throw new InvalidCurationRequestError('splitSeed must be an integer from 0 to 4294967295');
    }
    const splitBy = request.splitBy ?? DatasetSplitBy.VIDEO;
    if (!isUuid(datasetId)) throw new DatasetNotFoundError(datasetId);
    const version = await this.uow.run(caller.tenantId, async (m) => {
      const dataset = await m.findOne(DatasetEntity, {
        where: { id: datasetId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!dataset) throw new DatasetNotFoundError(datasetId);
      const accepted: AcceptedRow[] = await m.query(
        `SELECT id, video_id, category, length_seconds, genre, source_split FROM segments
         WHERE dataset_id = $1 AND status = $2 ORDER BY id FOR SHARE`,
        [datasetId, SegmentReviewStatus.ACCEPTED],
      );
      if (accepted.length === 0) throw new NothingToFreezeError();
      const splits =
        splitBy === DatasetSplitBy.SOURCE
          ? sourceSplits(accepted)
          : assignSplits(
              accepted.map((row) => ({ id: row.id, videoId: row.video_id })),
              { seed: request.splitSeed, by: splitBy, ratios },
            );
      // The source split's shares are what the version records as its ratios: it follows no asked ratios.
      const recorded = splitBy === DatasetSplitBy.SOURCE ? sharesOf(splits) : ratios;
      const [{ next }] = await m.query(
        'SELECT coalesce(max(number), 0) + 1 AS next FROM dataset_versions WHERE dataset_id = $1',
        [datasetId],
      );
      const draft = await m.save(
        m.create(DatasetVersionEntity, {
          tenantId: caller.tenantId,
          datasetId,
          number: next,
          splitSeed: request.splitSeed,
          splitBy,
          trainRatio: recorded.train,
          validRatio: recorded.valid,
          testRatio: recorded.test,
          createdBy: caller.userId,
          createdByApiKey: caller.apiKeyId,
        }),
      );
      const members = accepted.map((row) => ({
        versionId: draft.id,
        segmentId: row.id,
        tenantId: caller.tenantId,
        split: splits.get(row.id)!,
      }));
      for (let i = 0; i < members.length; i += INSERT_CHUNK) {
        await m.insert(DatasetVersionSegmentEntity, members.slice(i, i + INSERT_CHUNK));
      }
      draft.stats = versionStats(
        accepted.map((row) => ({
          videoId: row.video_id,
          category: row.category,
          lengthSeconds: row.length_seconds,
          genre: row.genre,
          split: splits.get(row.id)!,
        })),
      );
      draft.frozenAt = new Date();
      return m.save(draft);
    });
    this.audit.record(
      caller,
      'dataset_version.frozen',
      { type: 'dataset_version', id: version.id },
      {
        datasetId,
        number: version.number,
        segments: version.stats.segments,
        splitBy,
        splitSeed: request.splitSeed,
      },
    );
    return toDatasetVersionView(version);
  }

  async get(caller: TenantContext, id: string): Promise<DatasetVersionView> {
    if (!isUuid(id)) throw new DatasetVersionNotFoundError(id);
    const version = await this.uow.run(caller.tenantId, (m) => m.findOneBy(DatasetVersionEntity, { id }));
    if (!version) throw new DatasetVersionNotFoundError(id);
    return toDatasetVersionView(version);
  }

  /** A dataset's frozen versions, newest first (keyset on created_at, id). */
  async list(
    caller: TenantContext,
    datasetId: string,
    first: number,
    after?: string | null,
  ): Promise<Page<DatasetVersionView>> {
    const cursor = cursorAfter(after);
    if (!isUuid(datasetId)) throw new DatasetNotFoundError(datasetId);
    const versions = await this.uow.run(caller.tenantId, async (m) => {
      if (!(await m.existsBy(DatasetEntity, { id: datasetId }))) throw new DatasetNotFoundError(datasetId);
      const query = m
        .createQueryBuilder(DatasetVersionEntity, 'v')
        .where('v.dataset_id = :datasetId AND v.frozen_at IS NOT NULL', { datasetId })
        .orderBy('v.created_at', 'DESC')
        .addOrderBy('v.id', 'DESC')
        .limit(first + 1);
      if (cursor) query.andWhere('(v.created_at, v.id) < (:createdAt, :id)', cursor);
      return query.getMany();
    });
    return pageOf(versions, first, (v) => v, toDatasetVersionView);
  }

  /** Each segment of a version with its split, for exports; in segment id order. */
  async splits(caller: TenantContext, versionId: string): Promise<{ segmentId: string; split: string }[]> {
    await this.get(caller, versionId);
    return this.uow.run(caller.tenantId, async (m) =>
      (await m.find(DatasetVersionSegmentEntity, { where: { versionId }, order: { segmentId: 'ASC' } })).map(
        (row) => ({
          segmentId: row.segmentId,
          split: row.split,
        }),
      ),
    );
  }
}

/**
 * splitBy SOURCE: each segment keeps the split of the authors' list it was imported from (TRAIN, TEST, or
 * VALID from our own manifests). Refused whole when any accepted segment has none (an ingested video's, or
 * one imported from a release without lists): a version split partly by source and partly otherwise would
 * be neither the authors' split nor a seeded one.
 */
function sourceSplits(accepted: AcceptedRow[]): Map<string, DatasetSplit> {
  const without = accepted.filter((row) => row.source_split === null);
  if (without.length > 0) {
    throw new InvalidCurationRequestError(
      `${without.length} of the ${accepted.length} accepted segments have no source split (they were not ` +
        'imported from the authors’ train/test lists or a manifest); freeze with splitBy VIDEO or SEGMENT, ' +
        'or reject those segments first',
    );
  }
  return new Map(accepted.map((row) => [row.id, row.source_split!]));
}

function sharesOf(splits: Map<string, DatasetSplit>): SplitRatios {
  const count = (split: DatasetSplit) => [...splits.values()].filter((s) => s === split).length / splits.size;
  const valid = count(DatasetSplit.VALID);
  const test = count(DatasetSplit.TEST);
  // train as the rest, so the three add up to 1 exactly as the table's check wants.
  return { train: 1 - valid - test, valid, test };
}
