import { Inject, Injectable, Logger } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { writeWav } from '@loris/audio';
import {
  ArtifactEntity,
  ArtifactKind,
  RatingCampaignEntity,
  RatingCampaignStatus,
  RatingItemEntity,
  RatingStimulusEntity,
  RatingStimulusKind,
  RatingSystemEntity,
  RatingSystemKind,
  TenantUnitOfWork,
} from '@loris/db';
import { BLOB_STORE, FinalFailure, isLastAttempt, JobRun, PrepareRatingCampaignJobData } from '@loris/engine';
import { SamplerName } from '@loris/inference';
import { mixTrap, muxStimulus, normalizeLoudness, speakToWav } from '@loris/media';
import { BlobStore } from '@loris/storage';
import { ServingVersions } from '../../models/serving-versions.service';
import { GenerationThreads } from '../../serving-model/generation-threads.service';

/** Every stimulus is played at one rate, so no system is told apart by its bandwidth alone. */
export const STIMULUS_SAMPLE_RATE = 44100;
/** Trapping clips per campaign (each session draws from them) and environment-check clips. */
const TRAPS_PER_CAMPAIGN = 4;
const ENVIRONMENT_CLIPS = 3;

/** The picture a stimulus is shown on under AUDIO_VIDEO: an item's video from the item's start. */
interface StimulusVideo {
  artifactId: string;
  startSeconds: number;
}

/** A campaign row that cannot become a stimulus whatever the retries (a code the retry rule knows). */
class InvalidStimulusSource extends Error {
  readonly code = 'INVALID_STIMULUS_SOURCE';
}

/** A stimulus that could not be made; the campaign goes back to DRAFT with this message. */
class StimulusFailed extends Error {
  constructor(
    readonly what: string,
    readonly reason: Error,
  ) {
    super(`${what}: ${reason.message}`);
  }
}

/**
 * Prepares a campaign on the worker (issue 17): every system x item clip through the one generation path
 * (the model version's generation thread, as soundtrack jobs use), ground truth and baselines as given,
 * the gold and anchor clips, P.808 trapping clips (espeak-ng's message over the start of a stimulus) and
 * the environment-check clips; each normalised to -23 LUFS, stripped of metadata and stored under a random
 * id. Under AUDIO_VIDEO every clip a rater rates or trains on (test, gold, trap, anchor) is that audio on
 * an item's video, a neutral MP4 (muxStimulus), so no kind of clip looks unlike the others; the spoken-digit
 * environment check stays audio. Progress is written per stimulus. A retry skips what is made. When every stimulus exists the campaign
 * opens (its stimuli are frozen from then on); on a failure it goes back to DRAFT with the reason.
 */
@Injectable()
export class PrepareRatingCampaignHandler {
  private readonly logger = new Logger('PrepareRatingCampaign');

  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly threads: GenerationThreads,
    private readonly versions: ServingVersions,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
  ) {}

  async handle({ tenantId, campaignId }: PrepareRatingCampaignJobData, run: JobRun): Promise<void> {
    const loaded = await this.uow.run(tenantId, async (m) => {
      const campaign = await m.findOneBy(RatingCampaignEntity, { id: campaignId });
      if (campaign?.status !== RatingCampaignStatus.PREPARING) return undefined;
      const systems = await m.find(RatingSystemEntity, { where: { campaignId }, order: { ordinal: 'ASC' } });
      const items = await m.find(RatingItemEntity, { where: { campaignId }, order: { ordinal: 'ASC' } });
      const total =
        systems.length * items.length +
        TRAPS_PER_CAMPAIGN * Math.sign(campaign.trapsPerSession) +
        ENVIRONMENT_CLIPS;
      const scored = await m.count(RatingStimulusEntity, {
        where: [
          { campaignId, kind: RatingStimulusKind.GOLD },
          { campaignId, kind: RatingStimulusKind.ANCHOR },
        ],
      });
      await m.update(RatingCampaignEntity, { id: campaignId }, { totalStimuli: total + scored });
      return { campaign, systems, items };
    });
    if (!loaded) return;
    const dir = await mkdtemp(join(tmpdir(), 'loris-rating-'));
    try {
      await this.makeTests(tenantId, loaded.campaign, loaded.systems, loaded.items, dir);
      await this.makeScored(tenantId, loaded.campaign, loaded.items, dir);
      if (loaded.campaign.trapsPerSession > 0)
        await this.makeTraps(tenantId, loaded.campaign, loaded.items, dir);
      await this.makeEnvironment(tenantId, campaignId, dir);
      await this.open(tenantId, campaignId);
    } catch (error) {
      const failure =
        error instanceof StimulusFailed
          ? error
          : new StimulusFailed('preparing the campaign', error as Error);
      if (!isLastAttempt(run) && !(error instanceof StimulusFailed && isUserError(error.reason))) {
        this.logger.warn(
          `campaign ${campaignId} attempt ${run.attempt} failed, retrying: ${failure.message}`,
        );
        throw error;
      }
      await this.fail(tenantId, campaignId, failure.message);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async onFinalFailure(
    { tenantId, campaignId }: PrepareRatingCampaignJobData,
    failure: FinalFailure,
  ): Promise<void> {
    this.logger.error(`campaign ${campaignId} given up by the queue (${failure.cause}): ${failure.reason}`);
    await this.fail(
      tenantId,
      campaignId,
      'The preparation stopped (its worker was lost); prepare the campaign again',
    );
  }

  private async makeTests(
    tenantId: string,
    campaign: RatingCampaignEntity,
    systems: RatingSystemEntity[],
    items: RatingItemEntity[],
    dir: string,
  ): Promise<void> {
    const made = await this.uow.run(tenantId, (m) =>
      m.find(RatingStimulusEntity, {
        where: { campaignId: campaign.id, kind: RatingStimulusKind.TEST },
        select: { systemId: true, itemId: true },
      }),
    );
    const done = new Set(made.map((s) => `${s.systemId}:${s.itemId}`));
    for (const system of systems) {
      for (const item of items) {
        if (done.has(`${system.id}:${item.id}`)) continue;
        const what = `system "${system.label}", item ${item.ordinal + 1}`;
        try {
          const source = await this.sourceOf(tenantId, system, item, dir);
          await this.storeStimulus(
            tenantId,
            source,
            item.seconds,
            dir,
            {
              campaignId: campaign.id,
              kind: RatingStimulusKind.TEST,
              systemId: system.id,
              itemId: item.id,
              ordinal: item.ordinal * systems.length + system.ordinal,
            },
            videoOf(campaign, item),
          );
        } catch (error) {
          throw new StimulusFailed(what, error as Error);
        }
      }
    }
  }

  /** The clip before normalisation: generated for a model, else the item's audio or the baseline's upload. */
  private async sourceOf(
    tenantId: string,
    system: RatingSystemEntity,
    item: RatingItemEntity,
    dir: string,
  ): Promise<string> {
    if (system.kind === RatingSystemKind.GROUND_TRUTH)
      return this.localCopy(tenantId, item.audioArtifactId!, dir);
    if (system.kind === RatingSystemKind.BASELINE)
      return this.localCopy(tenantId, system.baselineArtifactIds![item.ordinal], dir);
    const model = await this.threads.get(await this.versions.find(tenantId, system.modelVersionId));
    const poses = await this.readAll(tenantId, item.posesArtifactId!);
    const soundtrack = await model.generate({
      poses,
      genre: item.genre!,
      seconds: item.seconds,
      seed: system.seed!,
      steps: system.steps!,
      sampler: system.sampler as SamplerName,
      guidance: system.guidance!,
    });
    const path = join(dir, `gen-${randomInt(1e9)}.wav`);
    await writeFile(path, writeWav({ sampleRate: soundtrack.sampleRate, channels: [soundtrack.audio] }));
    return path;
  }

  /**
   * Gold and anchor clips from the owner's uploads. Under AUDIO_VIDEO each is shown on an item's video (gold
   * or anchor k on item k, round the items): a gold clip without a picture would stand out from the clips
   * around it, and the rater would know which answers are checked.
   */
  private async makeScored(
    tenantId: string,
    campaign: RatingCampaignEntity,
    items: RatingItemEntity[],
    dir: string,
  ): Promise<void> {
    const campaignId = campaign.id;
    const pending = await this.uow.run(tenantId, (m) =>
      m.find(RatingStimulusEntity, {
        where: [
          { campaignId, kind: RatingStimulusKind.GOLD },
          { campaignId, kind: RatingStimulusKind.ANCHOR },
        ],
      }),
    );
    for (const stimulus of pending.filter((s) => !s.artifactId)) {
      const what = `${stimulus.kind === RatingStimulusKind.GOLD ? 'gold' : 'anchor'} clip ${stimulus.ordinal + 1}`;
      try {
        const source = await this.localCopy(tenantId, stimulus.sourceArtifactId!, dir);
        const item = items[stimulus.ordinal % items.length];
        await this.storeStimulus(
          tenantId,
          source,
          undefined,
          dir,
          { id: stimulus.id },
          videoOf(campaign, item),
        );
      } catch (error) {
        throw new StimulusFailed(what, error as Error);
      }
    }
  }

  /** P.808 trapping clips: "This is an interruption. Please select the answer <label> ..." over a stimulus. */
  private async makeTraps(
    tenantId: string,
    campaign: RatingCampaignEntity,
    items: RatingItemEntity[],
    dir: string,
  ): Promise<void> {
    const { tests, traps } = await this.uow.run(tenantId, async (m) => ({
      tests: await m.find(RatingStimulusEntity, {
        where: { campaignId: campaign.id, kind: RatingStimulusKind.TEST },
        order: { ordinal: 'ASC' },
      }),
      traps: await m.count(RatingStimulusEntity, {
        where: { campaignId: campaign.id, kind: RatingStimulusKind.TRAP },
      }),
    }));
    for (let ordinal = traps; ordinal < TRAPS_PER_CAMPAIGN; ordinal++) {
      try {
        const bed = tests[randomInt(tests.length)];
        const expected = 1 + randomInt(5);
        const bedPath = await this.localCopy(tenantId, bed.artifactId!, dir);
        const speech = join(dir, `trap-voice-${ordinal}.wav`);
        await speakToWav(
          `This is an interruption. Please select the answer ${campaign.labels[expected - 1]} to confirm your attention now.`,
          speech,
        );
        const mixed = join(dir, `trap-${ordinal}.wav`);
        await mixTrap(bedPath, speech, mixed, {
          message: '',
          leadSeconds: Math.min(2, (bed.seconds ?? 3) / 3),
          sampleRate: STIMULUS_SAMPLE_RATE,
        });
        // On its bed's own picture: a trap looks like the clip it interrupts.
        const item = items.find((i) => i.id === bed.itemId)!;
        await this.storeStimulus(
          tenantId,
          mixed,
          undefined,
          dir,
          { campaignId: campaign.id, kind: RatingStimulusKind.TRAP, expectedScore: expected, ordinal },
          videoOf(campaign, item),
        );
      } catch (error) {
        throw new StimulusFailed(`trapping clip ${ordinal + 1}`, error as Error);
      }
    }
  }

  /** The environment check: three digits spoken, typed back by the rater (qualification). */
  private async makeEnvironment(tenantId: string, campaignId: string, dir: string): Promise<void> {
    const made = await this.uow.run(tenantId, (m) =>
      m.count(RatingStimulusEntity, { where: { campaignId, kind: RatingStimulusKind.ENVIRONMENT } }),
    );
    for (let ordinal = made; ordinal < ENVIRONMENT_CLIPS; ordinal++) {
      try {
        const digits = Array.from({ length: 3 }, () => String(randomInt(10))).join('');
        const path = join(dir, `environment-${ordinal}.wav`);
        await speakToWav(`Please type the digits you hear. ${digits.split('').join(', ')}.`, path);
        await this.storeStimulus(tenantId, path, undefined, dir, {
          campaignId,
          kind: RatingStimulusKind.ENVIRONMENT,
          expectedAnswer: digits,
          ordinal,
        });
      } catch (error) {
        throw new StimulusFailed(`environment clip ${ordinal + 1}`, error as Error);
      }
    }
  }

  /**
   * Normalises `source` to -23 LUFS (cut to `seconds`) and, with a `video`, puts it on that video as a
   * neutral MP4; stores it as an artifact and writes the stimulus row (a new one, or `row.id`'s artifact),
   * counting one more stimulus done, in one transaction. The stimulus lasts as long as its audio.
   */
  private async storeStimulus(
    tenantId: string,
    source: string,
    seconds: number | undefined,
    dir: string,
    row: Partial<RatingStimulusEntity>,
    video?: StimulusVideo,
  ): Promise<void> {
    const wav = join(dir, `stimulus-${randomInt(1e9)}.wav`);
    await normalizeLoudness(source, wav, { sampleRate: STIMULUS_SAMPLE_RATE, seconds });
    const duration = ((await stat(wav)).size - 44) / (STIMULUS_SAMPLE_RATE * 2);
    let out = wav;
    if (video) {
      out = join(dir, `stimulus-${randomInt(1e9)}.mp4`);
      const sha256 = await this.shaOf(tenantId, video.artifactId);
      await this.store.withLocalFile(sha256, (videoPath) =>
        muxStimulus(videoPath, wav, out, { videoStartSeconds: video.startSeconds }),
      );
    }
    const blob = await this.store.put(createReadStream(out));
    await this.uow.run(tenantId, async (m) => {
      const artifact = await m.save(
        m.create(ArtifactEntity, {
          tenantId,
          kind: video ? ArtifactKind.MP4 : ArtifactKind.WAV,
          mediaType: video ? 'video/mp4' : 'audio/wav',
          durationSeconds: duration,
          ...blob,
        }),
      );
      if (row.id)
        await m.update(RatingStimulusEntity, { id: row.id }, { artifactId: artifact.id, seconds: duration });
      else
        await m.save(
          m.create(RatingStimulusEntity, { ...row, tenantId, artifactId: artifact.id, seconds: duration }),
        );
      await this.bump(
        m,
        row.campaignId ?? (await m.findOneByOrFail(RatingStimulusEntity, { id: row.id })).campaignId,
      );
    });
  }

  private bump(m: EntityManager, campaignId: string) {
    return m.query(
      `UPDATE rating_campaigns SET done_stimuli = LEAST(total_stimuli, done_stimuli + 1), updated_at = now() WHERE id = $1`,
      [campaignId],
    );
  }

  /** Opens only when every stimulus has its clip: a campaign with a missing stimulus never opens. */
  private async open(tenantId: string, campaignId: string): Promise<void> {
    await this.uow.run(tenantId, async (m) => {
      const [{ missing }] = await m.query(
        `SELECT count(*)::int AS missing FROM rating_stimuli WHERE campaign_id = $1 AND artifact_id IS NULL`,
        [campaignId],
      );
      if (missing > 0) throw new StimulusFailed('opening', new Error(`${missing} stimuli have no clip`));
      await m.query(
        `UPDATE rating_campaigns SET status = 'OPEN', opened_at = now(), done_stimuli = total_stimuli, updated_at = now()
          WHERE id = $1 AND status = 'PREPARING'`,
        [campaignId],
      );
    });
  }

  private async fail(tenantId: string, campaignId: string, message: string): Promise<void> {
    this.logger.warn(`campaign ${campaignId} not prepared: ${message}`);
    await this.uow.run(tenantId, (m) =>
      m.update(
        RatingCampaignEntity,
        { id: campaignId, status: RatingCampaignStatus.PREPARING },
        {
          status: RatingCampaignStatus.DRAFT,
          errorCode: 'STIMULUS_FAILED',
          errorMessage: message.slice(0, 2000),
        },
      ),
    );
  }

  private async localCopy(tenantId: string, artifactId: string, dir: string): Promise<string> {
    const sha256 = await this.shaOf(tenantId, artifactId);
    const path = join(dir, `src-${randomInt(1e9)}`);
    await this.store.withLocalFile(sha256, async (local) => {
      const chunks: Buffer[] = [];
      for await (const chunk of createReadStream(local)) chunks.push(chunk as Buffer);
      await writeFile(path, Buffer.concat(chunks));
    });
    return path;
  }

  private async readAll(tenantId: string, artifactId: string): Promise<Buffer> {
    const sha256 = await this.shaOf(tenantId, artifactId);
    const chunks: Buffer[] = [];
    for await (const chunk of await this.store.createReadStream(sha256))
      chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }

  private async shaOf(tenantId: string, artifactId: string): Promise<string> {
    const artifact = await this.uow.run(tenantId, (m) => m.findOneBy(ArtifactEntity, { id: artifactId }));
    if (!artifact) throw new Error(`its source ${artifactId} is gone`);
    return artifact.sha256;
  }
}

/** The picture of an item's clips under AUDIO_VIDEO; none under AUDIO. */
function videoOf(campaign: RatingCampaignEntity, item: RatingItemEntity): StimulusVideo | undefined {
  if (campaign.presentation !== 'AUDIO_VIDEO') return undefined;
  // Creation refuses such an item; a row written before that check is told apart, not retried.
  if (!item.videoArtifactId)
    throw new InvalidStimulusSource(`item ${item.ordinal + 1} has no video to show under AUDIO_VIDEO`);
  return { artifactId: item.videoArtifactId, startSeconds: item.videoStartSeconds };
}

/** Failures that a retry cannot mend: a silent or undecodable clip, a request the model refuses. */
function isUserError(error: Error): boolean {
  const code = (error as { code?: string }).code ?? '';
  return (
    /silent|cannot be normalised/.test(error.message) ||
    code.startsWith('INVALID') ||
    code === 'BAD_USER_INPUT'
  );
}
