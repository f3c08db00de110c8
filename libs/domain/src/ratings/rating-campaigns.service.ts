import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import {
  ArtifactEntity,
  ArtifactKind,
  DatasetCategory,
  DatasetSplit,
  DatasetVersionEntity,
  isUuid,
  MembershipRole,
  RatingCampaignEntity,
  RatingCampaignStatus,
  RatingItemEntity,
  RatingLinkEntity,
  RatingStimulusEntity,
  RatingStimulusKind,
  RatingSystemEntity,
  RatingSystemKind,
  TenantUnitOfWork,
} from '@loris/db';
import {
  cursorAfter,
  Page,
  pageOf,
  PREPARE_RATING_CAMPAIGN,
  QueueService,
  TenantContext,
} from '@loris/engine';
import { AuditService } from '../audit/audit.service';
import { DatasetVersionNotFoundError } from '../curation/curation.exception';
import { ServingVersions } from '../models/serving-versions.service';
import { samplingSettings } from '@loris/inference';
import {
  campaignSettings,
  CampaignItemsInput,
  checkItemVideos,
  checkScored,
  checkSystems,
  CreateCampaignInput,
} from './campaign-input';
import {
  InvalidRatingCampaignError,
  RatingCampaignForbiddenError,
  RatingCampaignNotFoundError,
  RatingCampaignStateError,
} from './ratings.exception';
import { hashRaterToken, newRaterToken } from './rating-tokens';
import { ItemSegmentView, RatingCampaignView, toCampaignView } from './ratings.views';

/** Who runs campaigns: they spend generation time and publish clips to the crowd. */
const RUNNERS: readonly MembershipRole[] = [MembershipRole.OWNER, MembershipRole.ENGINEER];

/** Most items a campaign takes (x systems = its test clips). */
const MAX_ITEMS = 500;
/** Items a campaign takes from a split when `limit` is left out. */
const DEFAULT_SPLIT_ITEMS = 50;

/** A segment of a split as a campaign takes it for an item. */
interface SplitSegmentRow {
  id: string;
  created_at: Date;
  poses: string | null;
  wav: string;
  genre: string | null;
  category: DatasetCategory;
  seconds: number;
  start: number;
  video: string | null;
  video_name: string | null;
}

/**
 * A frozen version's split in the order a campaign takes its items (by segment id), from after `afterId`.
 * Creation and the form's segment list (itemSegments) both read it here: a baseline's clips are matched
 * to the items by this order, so the two must never disagree.
 */
function splitSegments(
  m: EntityManager,
  versionId: string,
  split: DatasetSplit,
  limit: number,
  afterId: string | null,
): Promise<SplitSegmentRow[]> {
  return m.query(
    `SELECT s.id, s.created_at, s.poses_artifact_id AS poses, s.wav_artifact_id AS wav, s.genre, s.category,
            s.length_seconds AS seconds, s.start_seconds AS start, v.source_artifact_id AS video, v.name AS video_name
       FROM dataset_version_segments vs JOIN segments s ON s.id = vs.segment_id JOIN videos v ON v.id = s.video_id
      WHERE vs.version_id = $1 AND vs.split = $2 AND ($4::uuid IS NULL OR s.id > $4::uuid)
      ORDER BY s.id LIMIT $3`,
    [versionId, split, limit, afterId],
  );
}

interface PlannedItem {
  segmentId: string | null;
  posesArtifactId: string | null;
  audioArtifactId: string | null;
  genre: string | null;
  seconds: number;
  videoArtifactId: string | null;
  videoStartSeconds: number;
}

/**
 * The owner's side of a campaign: create (checked whole before any row is written), prepare (on the
 * worker), close, per-rater links, and reads. The rater's side is RaterService; scores are
 * RatingResultsService.
 */
@Injectable()
export class RatingCampaignsService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly versions: ServingVersions,
    private readonly queues: QueueService,
    private readonly audit: AuditService,
  ) {}

  /** Creates a DRAFT campaign; its campaign link is returned once (only its hash is kept). */
  async create(
    caller: TenantContext,
    input: CreateCampaignInput,
  ): Promise<{ campaign: RatingCampaignView; link: string }> {
    this.mayRun(caller, 'create a rating campaign');
    const settings = campaignSettings(input);
    const gold = checkScored(input.gold, 'gold');
    const anchors = checkScored(input.anchors, 'anchors');
    if (settings.goldPerSession > gold.length) {
      throw new InvalidRatingCampaignError(
        `goldPerSession is ${settings.goldPerSession} but only ${gold.length} gold clips were given`,
      );
    }
    const link = newRaterToken();
    const created = await this.uow.run(caller.tenantId, async (m) => {
      const items = await this.planItems(m, input.items);
      checkItemVideos(settings.presentation, items);
      checkSystems(input.systems, items.length);
      const systems = await Promise.all(input.systems.map((s, i) => this.planSystem(m, s, i, items)));
      await this.checkUploads(
        m,
        [...gold, ...anchors].map((g) => g.uploadId),
        [ArtifactKind.WAV],
        'gold and anchor clips',
      );
      const campaign = await m.save(
        m.create(RatingCampaignEntity, {
          tenantId: caller.tenantId,
          ...settings,
          status: RatingCampaignStatus.DRAFT,
          linkTokenHash: hashRaterToken(link),
          createdBy: caller.userId,
          createdByApiKey: caller.apiKeyId,
        }),
      );
      await m.save(
        systems.map((s) =>
          m.create(RatingSystemEntity, { ...s, tenantId: caller.tenantId, campaignId: campaign.id }),
        ),
      );
      await m.save(
        items.map((item, ordinal) =>
          m.create(RatingItemEntity, {
            ...item,
            ordinal,
            tenantId: caller.tenantId,
            campaignId: campaign.id,
          }),
        ),
      );
      const scored = [
        ...gold.map((g, ordinal) => ({ kind: RatingStimulusKind.GOLD, g, ordinal })),
        ...anchors.map((g, ordinal) => ({ kind: RatingStimulusKind.ANCHOR, g, ordinal })),
      ];
      await m.save(
        scored.map(({ kind, g, ordinal }) =>
          m.create(RatingStimulusEntity, {
            tenantId: caller.tenantId,
            campaignId: campaign.id,
            kind,
            sourceArtifactId: g.uploadId,
            expectedScore: g.expectedScore,
            ordinal,
          }),
        ),
      );
      return campaign;
    });
    this.audit.record(
      caller,
      'rating_campaign.created',
      { type: 'rating_campaign', id: created.id },
      { name: created.name },
    );
    return { campaign: await this.get(caller, created.id), link };
  }

  /** DRAFT -> PREPARING, and the worker's prepare job; the worker opens it when every stimulus is made. */
  async prepare(caller: TenantContext, id: string): Promise<RatingCampaignView> {
    this.mayRun(caller, 'prepare a rating campaign');
    await this.uow.run(caller.tenantId, async (m) => {
      const campaign = await this.lock(m, id);
      if (campaign.status !== RatingCampaignStatus.DRAFT) {
        throw new RatingCampaignStateError(
          `Campaign ${id} is ${campaign.status}; only a DRAFT campaign is prepared`,
        );
      }
      await m.update(
        RatingCampaignEntity,
        { id },
        { status: RatingCampaignStatus.PREPARING, errorCode: null, errorMessage: null },
      );
    });
    try {
      await this.queues.enqueue(PREPARE_RATING_CAMPAIGN, { tenantId: caller.tenantId, campaignId: id });
    } catch (error) {
      // Nothing was queued: back to DRAFT, so the owner can try again.
      await this.uow.run(caller.tenantId, (m) =>
        m.update(
          RatingCampaignEntity,
          { id, status: RatingCampaignStatus.PREPARING },
          { status: RatingCampaignStatus.DRAFT },
        ),
      );
      throw error;
    }
    this.audit.record(caller, 'rating_campaign.prepare', { type: 'rating_campaign', id });
    return this.get(caller, id);
  }

  /** OPEN -> CLOSED: no session starts and no vote is taken after this. */
  async close(caller: TenantContext, id: string): Promise<RatingCampaignView> {
    this.mayRun(caller, 'close a rating campaign');
    await this.uow.run(caller.tenantId, async (m) => {
      const campaign = await this.lock(m, id);
      if (campaign.status !== RatingCampaignStatus.OPEN) {
        throw new RatingCampaignStateError(
          `Campaign ${id} is ${campaign.status}; only an OPEN campaign is closed`,
        );
      }
      await m.update(
        RatingCampaignEntity,
        { id },
        { status: RatingCampaignStatus.CLOSED, closedAt: new Date() },
      );
    });
    this.audit.record(caller, 'rating_campaign.closed', { type: 'rating_campaign', id });
    return this.get(caller, id);
  }

  /** A link for one rater (shown once); its sessions are told apart from the campaign link's in bans. */
  async createLink(
    caller: TenantContext,
    id: string,
    label: string | null,
  ): Promise<{ id: string; link: string }> {
    this.mayRun(caller, 'make rater links');
    if (label !== null && label.length > 200)
      throw new InvalidRatingCampaignError('a link label is at most 200 characters');
    const link = newRaterToken();
    const row = await this.uow.run(caller.tenantId, async (m) => {
      const campaign = await this.lock(m, id);
      if (campaign.status === RatingCampaignStatus.CLOSED)
        throw new RatingCampaignStateError(`Campaign ${id} is closed`);
      return m.save(
        m.create(RatingLinkEntity, {
          tenantId: caller.tenantId,
          campaignId: id,
          tokenHash: hashRaterToken(link),
          label,
        }),
      );
    });
    this.audit.record(caller, 'rating_link.created', { type: 'rating_campaign', id }, { linkId: row.id });
    return { id: row.id, link };
  }

  async get(caller: TenantContext, id: string): Promise<RatingCampaignView> {
    return this.uow.run(caller.tenantId, async (m) => {
      if (!isUuid(id)) throw new RatingCampaignNotFoundError(id);
      const campaign = await m.findOneBy(RatingCampaignEntity, { id });
      if (!campaign) throw new RatingCampaignNotFoundError(id);
      const systems = await m.find(RatingSystemEntity, {
        where: { campaignId: id },
        order: { ordinal: 'ASC' },
      });
      const [counts] = await m.query(
        `SELECT (SELECT count(*) FROM rating_items WHERE campaign_id = $1)::int AS items,
                (SELECT count(*) FROM rater_sessions WHERE campaign_id = $1)::int AS sessions,
                (SELECT count(*) FROM ratings WHERE campaign_id = $1)::int AS votes`,
        [id],
      );
      const scored: Array<{
        kind: 'GOLD' | 'ANCHOR';
        ordinal: number;
        expected_score: number;
        upload_id: string;
        file_name: string | null;
        prepared: boolean;
      }> = await m.query(
        `SELECT st.kind, st.ordinal, st.expected_score, st.source_artifact_id AS upload_id, a.file_name,
                st.artifact_id IS NOT NULL AS prepared
           FROM rating_stimuli st JOIN artifacts a ON a.id = st.source_artifact_id
          WHERE st.campaign_id = $1 AND st.kind IN ('GOLD', 'ANCHOR') ORDER BY st.kind, st.ordinal`,
        [id],
      );
      return toCampaignView(
        campaign,
        systems,
        counts,
        scored.map((c) => ({
          kind: c.kind,
          ordinal: c.ordinal,
          expectedScore: c.expected_score,
          uploadId: c.upload_id,
          fileName: c.file_name,
          prepared: c.prepared,
        })),
      );
    });
  }

  /**
   * A page of the segments a campaign on `split` takes as items, in the order it takes them: its first
   * `limit` (default 50, at most 500) become the items, and a baseline's clips follow this order. With the
   * split's size, to say how many of them a campaign leaves out.
   */
  async itemSegments(
    caller: TenantContext,
    versionId: string,
    split: DatasetSplit,
    first: number,
    after?: string | null,
  ): Promise<Page<ItemSegmentView> & { total: number }> {
    const cursor = cursorAfter(after);
    const { rows, total } = await this.uow.run(caller.tenantId, async (m) => {
      if (!(await this.frozenVersion(m, versionId))) throw new DatasetVersionNotFoundError(versionId);
      const [{ n }] = await m.query(
        `SELECT count(*)::int AS n FROM dataset_version_segments WHERE version_id = $1 AND split = $2`,
        [versionId, split],
      );
      return {
        rows: await splitSegments(m, versionId, split, first + 1, cursor?.id ?? null),
        total: n as number,
      };
    });
    // The cursor carries the segment's created_at only because every cursor does; the order is by id.
    const page = pageOf(
      rows,
      first,
      (row) => ({ createdAt: row.created_at, id: row.id }),
      (row): ItemSegmentView => ({
        id: row.id,
        videoName: row.video_name,
        startSeconds: Number(row.start),
        lengthSeconds: Number(row.seconds),
        genre: row.genre,
        category: row.category,
        hasVideo: row.video !== null,
      }),
    );
    return { ...page, total };
  }

  /** A page of the campaigns, newest first (first/after as every list). */
  async list(caller: TenantContext, first: number, after?: string | null): Promise<Page<RatingCampaignView>> {
    const cursor = cursorAfter(after);
    const rows = await this.uow.read(caller.tenantId, (query) =>
      query<{ id: string; created_at: Date }>(
        `SELECT id, created_at FROM rating_campaigns
          WHERE ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3::uuid))
          ORDER BY created_at DESC, id DESC LIMIT $1`,
        [first + 1, cursor?.createdAt ?? null, cursor?.id ?? null],
      ),
    );
    const views = await Promise.all(rows.slice(0, first).map((row) => this.get(caller, row.id)));
    const byId = new Map(views.map((view) => [view.id, view]));
    return pageOf(
      rows,
      first,
      (row) => ({ createdAt: row.created_at, id: row.id }),
      (row) => byId.get(row.id)!,
    );
  }

  /** The version, when the tenant has one of this id; InvalidRatingCampaignError when it is not frozen. */
  private async frozenVersion(m: EntityManager, id: string): Promise<DatasetVersionEntity | null> {
    const version = isUuid(id) ? await m.findOneBy(DatasetVersionEntity, { id }) : null;
    if (version && !version.frozenAt)
      throw new InvalidRatingCampaignError(`dataset version ${id} is not frozen`);
    return version;
  }

  private mayRun(caller: TenantContext, what: string): void {
    if (!RUNNERS.includes(caller.role)) throw new RatingCampaignForbiddenError(what);
  }

  private async lock(m: EntityManager, id: string): Promise<RatingCampaignEntity> {
    if (!isUuid(id)) throw new RatingCampaignNotFoundError(id);
    const found = await m.findOne(RatingCampaignEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!found) throw new RatingCampaignNotFoundError(id);
    return found;
  }

  /** The items, from a frozen version's split or from uploads, each with what its systems will need. */
  private async planItems(m: EntityManager, items: CampaignItemsInput): Promise<PlannedItem[]> {
    const fromVersion = Boolean(items.datasetVersionId);
    if (fromVersion === Boolean(items.uploads?.length)) {
      throw new InvalidRatingCampaignError(
        'items take either datasetVersionId with split, or uploads, not both',
      );
    }
    if (fromVersion) {
      const versionId = items.datasetVersionId!;
      if (!(await this.frozenVersion(m, versionId)))
        throw new InvalidRatingCampaignError(`dataset version ${versionId} was not found`);
      if (!items.split) throw new InvalidRatingCampaignError('items.split is needed with datasetVersionId');
      const limit = Math.min(items.limit ?? DEFAULT_SPLIT_ITEMS, MAX_ITEMS);
      const cut = items.seconds ?? null;
      if (cut !== null && !(cut > 0 && cut <= 600))
        throw new InvalidRatingCampaignError(`items.seconds must be in (0, 600], got ${cut}`);
      const rows = await splitSegments(m, versionId, items.split, limit, null);
      if (!rows.length)
        throw new InvalidRatingCampaignError(
          `the ${items.split} split of version ${versionId} has no segments`,
        );
      return rows.map((r) => ({
        segmentId: r.id,
        posesArtifactId: r.poses,
        audioArtifactId: r.wav,
        genre: r.genre,
        seconds: cut === null ? Number(r.seconds) : Math.min(cut, Number(r.seconds)),
        videoArtifactId: r.video,
        videoStartSeconds: Number(r.start),
      }));
    }
    const uploads = items.uploads!;
    if (uploads.length > MAX_ITEMS) throw new InvalidRatingCampaignError(`at most ${MAX_ITEMS} items`);
    uploads.forEach((u, i) => {
      if (!(u.seconds > 0 && u.seconds <= 600))
        throw new InvalidRatingCampaignError(`items.uploads[${i}].seconds must be in (0, 600]`);
      if (!u.posesUploadId && !u.audioUploadId) {
        throw new InvalidRatingCampaignError(
          `items.uploads[${i}] needs posesUploadId, audioUploadId or both`,
        );
      }
    });
    await this.checkUploads(
      m,
      uploads.flatMap((u) => (u.posesUploadId ? [u.posesUploadId] : [])),
      [ArtifactKind.POSES],
      'item pose tracks',
    );
    await this.checkUploads(
      m,
      uploads.flatMap((u) => (u.audioUploadId ? [u.audioUploadId] : [])),
      [ArtifactKind.WAV],
      'item audio',
    );
    await this.checkUploads(
      m,
      uploads.flatMap((u) => (u.videoUploadId ? [u.videoUploadId] : [])),
      [ArtifactKind.VIDEO],
      'item videos',
    );
    return uploads.map((u) => ({
      segmentId: null,
      posesArtifactId: u.posesUploadId ?? null,
      audioArtifactId: u.audioUploadId ?? null,
      genre: u.genre ?? null,
      seconds: u.seconds,
      videoArtifactId: u.videoUploadId ?? null,
      videoStartSeconds: 0,
    }));
  }

  private async planSystem(
    m: EntityManager,
    s: CreateCampaignInput['systems'][number],
    ordinal: number,
    items: PlannedItem[],
  ): Promise<Partial<RatingSystemEntity>> {
    const base = { ordinal, label: s.label.trim(), kind: s.kind };
    if (s.kind === RatingSystemKind.GROUND_TRUTH) {
      const missing = items.findIndex((i) => !i.audioArtifactId);
      if (missing >= 0)
        throw new InvalidRatingCampaignError(
          `system "${s.label}" is ground truth but item ${missing} has no audio`,
        );
      return base;
    }
    if (s.kind === RatingSystemKind.BASELINE) {
      await this.checkUploads(m, s.baselineUploadIds!, [ArtifactKind.WAV], `baseline clips of "${s.label}"`);
      return { ...base, baselineArtifactIds: s.baselineUploadIds! };
    }
    const version = await this.versions.load(m, s.modelVersionId!);
    const missing = items.findIndex((i) => !i.posesArtifactId || !i.genre);
    if (missing >= 0) {
      throw new InvalidRatingCampaignError(
        `system "${s.label}" generates from poses and a genre, and item ${missing} lacks one`,
      );
    }
    const unknown = items.find((i) => !version.contract.genres.includes(i.genre!));
    if (unknown)
      throw new InvalidRatingCampaignError(`model ${version.label} has no genre "${unknown.genre}"`);
    let sampling;
    try {
      sampling = samplingSettings(version.contract, {
        sampler: s.sampler ?? undefined,
        steps: s.steps ?? undefined,
        guidance: s.guidance ?? undefined,
        seed: s.seed ?? undefined,
      });
    } catch (error) {
      throw new InvalidRatingCampaignError(`system "${s.label}": ${(error as Error).message}`);
    }
    return { ...base, modelVersionId: version.id, ...sampling };
  }

  /** Every id must be one of the tenant's uploads of an allowed kind. */
  private async checkUploads(
    m: EntityManager,
    ids: string[],
    kinds: ArtifactKind[],
    what: string,
  ): Promise<void> {
    if (!ids.length) return;
    const bad = ids.find((id) => !isUuid(id));
    if (bad) throw new InvalidRatingCampaignError(`${what}: "${bad}" is not an upload id`);
    const found = await m.find(ArtifactEntity, { where: { id: In(ids) }, select: { id: true, kind: true } });
    const kindOf = new Map(found.map((a) => [a.id, a.kind]));
    for (const id of ids) {
      const kind = kindOf.get(id);
      if (!kind) throw new InvalidRatingCampaignError(`${what}: upload ${id} was not found`);
      if (!kinds.includes(kind))
        throw new InvalidRatingCampaignError(`${what}: upload ${id} is ${kind}, not ${kinds.join(' or ')}`);
    }
  }
}
