import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import {
  DatasetCategory,
  DatasetEntity,
  DatasetVersionEntity,
  DatasetVersionSegmentEntity,
  isUuid,
  SegmentEntity,
  SegmentRejectReason,
  SegmentReviewStatus,
  TenantUnitOfWork,
  VideoEntity,
} from '@loris/db';
import { cursorAfter, Page, pageOf, TenantContext } from '@loris/engine';
import { AuditService } from '../audit/audit.service';
import { DatasetNotFoundError } from '../datasets/datasets.exception';
import {
  DatasetVersionNotFoundError,
  InvalidCurationRequestError,
  SegmentNotFoundError,
} from './curation.exception';
import { SegmentView, toSegmentView, VersionMemberView } from './curation.views';

/** Segments one review call may decide: a bulk selection of the review page. */
export const MAX_REVIEW_IDS = 500;

export interface SegmentFilter {
  status?: SegmentReviewStatus | null;
  genre?: string | null;
  length?: number | null;
  category?: DatasetCategory | null;
  /** Only segments carrying this flag (e.g. "no_person"). */
  flag?: string | null;
}

export enum ReviewDecision {
  ACCEPT = 'ACCEPT',
  REJECT = 'REJECT',
}

export interface ReviewRequest {
  ids: string[];
  decision: ReviewDecision;
  /** Required to reject, refused with an accept. */
  reason?: SegmentRejectReason | null;
  /** Required with reason OTHER. */
  note?: string | null;
  /** Sets the genre of every segment decided; left as it is when absent. */
  genre?: string | null;
}

/** One segment's outcome of a review: the segment as decided, or why it was not. */
export interface ReviewedSegment {
  id: string;
  segment: SegmentView | null;
  error: { code: string; message: string } | null;
}

@Injectable()
export class SegmentsService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly audit: AuditService,
  ) {}

  /** A dataset's segments, oldest first (the order they were cut in), filtered; keyset on (created_at, id). */
  async list(
    caller: TenantContext,
    datasetId: string,
    filter: SegmentFilter,
    first: number,
    after?: string | null,
  ): Promise<Page<SegmentView>> {
    const cursor = cursorAfter(after);
    if (!isUuid(datasetId)) throw new DatasetNotFoundError(datasetId);
    const { segments, sources } = await this.uow.run(caller.tenantId, async (m) => {
      if (!(await m.existsBy(DatasetEntity, { id: datasetId }))) throw new DatasetNotFoundError(datasetId);
      const query = m
        .createQueryBuilder(SegmentEntity, 's')
        .where('s.dataset_id = :datasetId', { datasetId })
        .orderBy('s.created_at', 'ASC')
        .addOrderBy('s.id', 'ASC')
        .limit(first + 1);
      if (filter.status) query.andWhere('s.status = :status', { status: filter.status });
      if (filter.genre) query.andWhere('s.genre = :genre', { genre: filter.genre });
      if (filter.length) query.andWhere('s.length_seconds = :length', { length: filter.length });
      if (filter.category) query.andWhere('s.category = :category', { category: filter.category });
      if (filter.flag) query.andWhere(':flag = ANY (s.flags)', { flag: filter.flag });
      if (cursor) query.andWhere('(s.created_at, s.id) > (:createdAt, :id)', cursor);
      const found = await query.getMany();
      return { segments: found, sources: await sourcesOf(m, found) };
    });
    return pageOf(
      segments,
      first,
      (s) => s,
      (s) => toSegmentView(s, sources.get(s.videoId) ?? null),
    );
  }

  /**
   * A version's segments with their splits, in the order they were cut (keyset on the segment's
   * created_at, id, as list() pages): what `loris dataset export` downloads. The membership of a frozen
   * version never changes, so paging through it sees every segment exactly once.
   */
  async inVersion(
    caller: TenantContext,
    versionId: string,
    first: number,
    after?: string | null,
  ): Promise<Page<VersionMemberView>> {
    const cursor = cursorAfter(after);
    if (!isUuid(versionId)) throw new DatasetVersionNotFoundError(versionId);
    const { segments, splits, sources } = await this.uow.run(caller.tenantId, async (m) => {
      if (!(await m.existsBy(DatasetVersionEntity, { id: versionId })))
        throw new DatasetVersionNotFoundError(versionId);
      const query = m
        .createQueryBuilder(SegmentEntity, 's')
        .innerJoin(DatasetVersionSegmentEntity, 'm', 'm.segment_id = s.id AND m.version_id = :versionId', {
          versionId,
        })
        .orderBy('s.created_at', 'ASC')
        .addOrderBy('s.id', 'ASC')
        .limit(first + 1);
      if (cursor) query.andWhere('(s.created_at, s.id) > (:createdAt, :id)', cursor);
      const found = await query.getMany();
      const members = found.length
        ? await m.find(DatasetVersionSegmentEntity, {
            where: { versionId, segmentId: In(found.map((s) => s.id)) },
          })
        : [];
      return {
        segments: found,
        splits: new Map(members.map((row) => [row.segmentId, row.split])),
        sources: await sourcesOf(m, found),
      };
    });
    return pageOf(
      segments,
      first,
      (s) => s,
      (s) => ({ split: splits.get(s.id)!, segment: toSegmentView(s, sources.get(s.videoId) ?? null) }),
    );
  }

  async get(caller: TenantContext, id: string): Promise<SegmentView> {
    if (!isUuid(id)) throw new SegmentNotFoundError(id);
    const found = await this.uow.run(caller.tenantId, async (m) => {
      const segment = await m.findOneBy(SegmentEntity, { id });
      return segment ? { segment, sources: await sourcesOf(m, [segment]) } : null;
    });
    if (!found) throw new SegmentNotFoundError(id);
    return toSegmentView(found.segment, found.sources.get(found.segment.videoId) ?? null);
  }

  /**
   * Accepts or rejects segments, each on its own: a missing id or a segment already frozen into a version
   * gets its error and the others are decided. The rows are locked before the frozen check, so a freeze
   * running at the same time either sees the new decision or makes this one wait and refuse (the database
   * refuses it too: segments_frozen). Every decision is audited.
   */
  async review(caller: TenantContext, request: ReviewRequest): Promise<ReviewedSegment[]> {
    const decision = checkReview(request);
    const decided: SegmentEntity[] = [];
    const results = await this.uow.run(caller.tenantId, async (m) => {
      const ids = [...new Set(request.ids.filter(isUuid))].sort();
      const rows = ids.length
        ? await m.find(SegmentEntity, {
            where: { id: In(ids) },
            order: { id: 'ASC' },
            lock: { mode: 'pessimistic_write' },
          })
        : [];
      const byId = new Map(rows.map((row) => [row.id, row]));
      const frozenRows: { segment_id: string; number: number }[] = rows.length
        ? await m.query(
            `SELECT m.segment_id, min(v.number) AS number FROM dataset_version_segments m
             JOIN dataset_versions v ON v.id = m.version_id
             WHERE m.segment_id = ANY($1) AND v.frozen_at IS NOT NULL GROUP BY m.segment_id`,
            [rows.map((r) => r.id)],
          )
        : [];
      const frozenIn = new Map(frozenRows.map((r) => [r.segment_id, r.number]));
      const now = new Date();
      const out: ReviewedSegment[] = [];
      for (const id of request.ids) {
        const segment = byId.get(id);
        if (!segment) {
          out.push({
            id,
            segment: null,
            error: { code: 'NOT_FOUND', message: `Segment ${id} was not found` },
          });
          continue;
        }
        if (frozenIn.has(id)) {
          out.push({
            id,
            segment: null,
            error: {
              code: 'FROZEN',
              message: `Segment ${id} is frozen into version ${frozenIn.get(id)} of its dataset; its decision can no longer change`,
            },
          });
          continue;
        }
        if (!decided.includes(segment)) {
          Object.assign(segment, decision, {
            genre: request.genre ?? segment.genre,
            reviewedBy: caller.userId,
            reviewedByApiKey: caller.apiKeyId,
            reviewedAt: now,
          });
          await m.save(segment);
          decided.push(segment);
        }
        out.push({ id, segment: null, error: null });
      }
      const sources = await sourcesOf(m, decided);
      for (const item of out) {
        const segment = item.error ? undefined : byId.get(item.id);
        if (segment) item.segment = toSegmentView(segment, sources.get(segment.videoId) ?? null);
      }
      return out;
    });
    for (const segment of decided) {
      this.audit.record(
        caller,
        segment.status === SegmentReviewStatus.ACCEPTED ? 'segment.accepted' : 'segment.rejected',
        { type: 'segment', id: segment.id },
        { datasetId: segment.datasetId, reason: segment.reason, genre: segment.genre },
      );
    }
    return results;
  }
}

/** The columns a decision writes, after checking the request says one thing clearly. */
function checkReview(request: ReviewRequest): Pick<SegmentEntity, 'status' | 'reason' | 'note'> {
  if (request.ids.length === 0 || request.ids.length > MAX_REVIEW_IDS) {
    throw new InvalidCurationRequestError(`ids must list 1 to ${MAX_REVIEW_IDS} segments`);
  }
  const note = request.note?.trim() || null;
  if (note && note.length > 2000)
    throw new InvalidCurationRequestError('note must be at most 2000 characters');
  if (request.genre !== undefined && request.genre !== null && !/^\S(.{0,48}\S)?$/su.test(request.genre)) {
    throw new InvalidCurationRequestError(
      'genre must be 1 to 50 characters, without leading or trailing spaces',
    );
  }
  if (request.decision === ReviewDecision.ACCEPT) {
    if (request.reason)
      throw new InvalidCurationRequestError(
        'An accepted segment takes no reason; give a reason only to reject',
      );
    return { status: SegmentReviewStatus.ACCEPTED, reason: null, note };
  }
  if (!request.reason) {
    throw new InvalidCurationRequestError(
      `Give a reason to reject: one of ${Object.values(SegmentRejectReason).join(', ')}`,
    );
  }
  if (request.reason === SegmentRejectReason.OTHER && !note) {
    throw new InvalidCurationRequestError('A rejection for reason OTHER needs a note saying why');
  }
  return { status: SegmentReviewStatus.REJECTED, reason: request.reason, note };
}

/** The source upload of each segment's video, by video id. */
async function sourcesOf(m: EntityManager, segments: SegmentEntity[]): Promise<Map<string, string | null>> {
  const ids = [...new Set(segments.map((s) => s.videoId))];
  if (!ids.length) return new Map();
  const videos = await m.find(VideoEntity, {
    where: { id: In(ids) },
    select: { id: true, sourceArtifactId: true },
  });
  return new Map(videos.map((v) => [v.id, v.sourceArtifactId]));
}
