import { Inject, Injectable, Logger } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { EntityManager } from 'typeorm';
import { writeWav } from '@loris/audio';
import {
  ArtifactEntity,
  ArtifactKind,
  SoundtrackJobEntity,
  SoundtrackJobStage,
  SoundtrackJobStatus,
  SoundtrackSync,
  TenantUnitOfWork,
} from '@loris/db';
import {
  BLOB_STORE,
  FinalFailure,
  GenerateSoundtrackJobData,
  isLastAttempt,
  JobEvents,
  JobRun,
} from '@loris/engine';
import { generationFraction, GenerationThread, rhythmOptions, SamplerName } from '@loris/inference';
import { estimatePoses, muxAudio } from '@loris/media';
import { BlobStore, StoredBlob } from '@loris/storage';
import { ServingVersions } from '../../models/serving-versions.service';
import { GenerationThreads } from '../../serving-model/generation-threads.service';
import { inputsOf } from '../soundtrack-job-input';
import {
  LiveJobFacts,
  SOUNDTRACK_JOB_TOPIC,
  SoundtrackJobInput,
  toSoundtrackJobView,
} from '../soundtrack-job.view';
import { measureSync } from '../sync/sync-analysis';
import { GenerationEta } from './generation-eta';
import { describeFailure, describeFinalFailure, LostJob } from './job-failure';
import { jobEndLog } from './job-end-log';

// Progress rows are written at most this often; every step is still published to subscribers.
const PROGRESS_WRITE_MS = 1000;
// Share of a video job's progress taken by pose estimation; the sampler gets the rest.
const POSE_SHARE = 0.3;

/** What the worker writes as it moves from one part of the work to the next. */
type StageChange = Partial<Pick<SoundtrackJobEntity, 'stage' | 'modelVersion'>>;

/** What a run made, not yet in the blob store: it is stored only while the job is still RUNNING. */
interface Produced {
  wav: Uint8Array;
  /** The result's onsets against the input's visual beats; null when they could not be measured. */
  sync: SoundtrackSync | null;
  /** The input video with the soundtrack muxed in, in a temp directory that dispose() removes. */
  mp4Path?: string;
  dispose(): Promise<void>;
}

/**
 * The generate job: loads the upload, estimates poses for a video, runs libs/inference's generation (the
 * same as `loris generate`) on the thread of the model version the job names, stores the WAV (and the muxed MP4) and marks
 * the job. Each phase is its own short transaction (progress must be visible while it runs). The result is
 * stored and written only onto a RUNNING row, under its row lock, so a job re-run after a crash ends with
 * one result and a cancellation either wins before anything is stored or waits for the result (finish()).
 */
@Injectable()
export class GenerateSoundtrackHandler {
  private readonly logger = new Logger('GenerateSoundtrack');

  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly threads: GenerationThreads,
    private readonly versions: ServingVersions,
    private readonly events: JobEvents,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
  ) {}

  async handle({ tenantId, jobId }: GenerateSoundtrackJobData, run: JobRun): Promise<void> {
    const started = await this.start(tenantId, jobId);
    if (!started) {
      run.report?.ended({ outcome: 'skipped' });
      return;
    }
    const { job, input } = started;
    const abort = new AbortController();
    const stopListening = await this.events.onCancel(SOUNDTRACK_JOB_TOPIC, jobId, () => abort.abort());
    let produced: Produced | undefined;
    try {
      produced = await this.produce(job, input, abort.signal, () => abort.abort(), run);
      await this.finish(job, input, produced);
    } catch (error) {
      const failure = describeFailure(error);
      if (failure.cancelled || abort.signal.aborted) {
        run.report?.ended({ outcome: 'cancelled' });
        await this.endCancelled(job, input);
        return;
      }
      if (failure.retryable && !isLastAttempt(run)) {
        this.logger.warn(`job ${jobId} attempt ${run.attempt} failed, retrying: ${(error as Error).message}`);
        throw error;
      }
      if (failure.retryable) this.logger.error(`job ${jobId} failed: ${(error as Error).stack ?? error}`);
      run.report?.ended({ outcome: 'failed', code: failure.code });
      await this.fail(job, input, failure.code, failure.message);
    } finally {
      await produced?.dispose();
      await stopListening();
      await this.logEnd(job);
    }
  }

  /** One line per job that ended in this run (none while a retry is pending), from the row as it ended. */
  private async logEnd(job: SoundtrackJobEntity): Promise<void> {
    try {
      const line = await this.uow.run(job.tenantId, async (m) => {
        const row = await m.findOneBy(SoundtrackJobEntity, { id: job.id });
        const input = await m.findOne(ArtifactEntity, {
          where: { id: job.inputArtifactId },
          select: { id: true, kind: true },
        });
        return row ? jobEndLog(row, input) : undefined;
      });
      if (line) this.logger.log(line);
    } catch (error) {
      this.logger.warn(`end of job ${job.id} not logged: ${(error as Error).message}`);
    }
  }

  /** Bull gave the job up without handle() ending it (its workers died, or its last run threw early). */
  async onFinalFailure({ tenantId, jobId }: GenerateSoundtrackJobData, failure: FinalFailure): Promise<void> {
    this.logger.error(`job ${jobId} given up by the queue (${failure.cause}): ${failure.reason}`);
    await this.endLost(tenantId, jobId, describeFinalFailure(failure));
  }

  /**
   * Ends a QUEUED or RUNNING row FAILED with `lost`, freeing its job slot; any other row is left as it is,
   * so reporting the same loss twice (the failed event and the reaper) writes once. Returns whether it wrote.
   */
  async endLost(tenantId: string, jobId: string, lost: LostJob): Promise<boolean> {
    const ended = await this.uow.run(tenantId, async (m) => {
      const row = await this.lock(m, jobId);
      if (row?.status !== SoundtrackJobStatus.QUEUED && row?.status !== SoundtrackJobStatus.RUNNING) {
        return undefined;
      }
      Object.assign(row, {
        status: SoundtrackJobStatus.FAILED,
        errorCode: lost.code,
        errorMessage: lost.message,
        finishedAt: new Date(),
      });
      const [input] = await inputsOf(m, [row]);
      return { job: await m.save(row), input };
    });
    if (ended) await this.publish(ended.job, ended.input);
    return ended !== undefined;
  }

  /**
   * Marks the job RUNNING at its first stage, and reads its input; undefined when there is nothing to do
   * (gone, cancelled or already finished).
   */
  private async start(
    tenantId: string,
    jobId: string,
  ): Promise<{ job: SoundtrackJobEntity; input: ArtifactEntity } | undefined> {
    const started = await this.uow.run(tenantId, async (m) => {
      const found = await this.lock(m, jobId);
      if (
        !found ||
        (found.status !== SoundtrackJobStatus.QUEUED && found.status !== SoundtrackJobStatus.RUNNING)
      ) {
        return undefined;
      }
      const input = await m.findOneByOrFail(ArtifactEntity, { id: found.inputArtifactId });
      found.status = SoundtrackJobStatus.RUNNING;
      found.stage =
        input.kind === ArtifactKind.VIDEO
          ? SoundtrackJobStage.ESTIMATING_POSES
          : SoundtrackJobStage.GENERATING;
      found.startedAt ??= new Date();
      found.attempts += 1;
      found.progress = 0;
      return { job: await m.save(found), input };
    });
    if (started) await this.publish(started.job, started.input);
    return started;
  }

  /**
   * `cancelled` is called when a progress write finds the row no longer RUNNING (a cancel's message lost).
   * The generation's speed goes to run.report (the worker's real-time factor metric).
   */
  private async produce(
    job: SoundtrackJobEntity,
    input: ArtifactEntity,
    signal: AbortSignal,
    cancelled: () => void,
    run: JobRun,
  ): Promise<Produced> {
    // The version chosen when the job was requested (jobs from before the registry: the built-in).
    const model = await this.threads.get(await this.versions.find(job.tenantId, job.modelVersionId));
    const moveOn = (change: StageChange) => this.moveOn(job, input, change, cancelled);
    await moveOn({ modelVersion: `${model.contract.name}@${model.contract.version}` });
    const progress = this.progressReporter(job, input, cancelled);
    const isVideo = input.kind === ArtifactKind.VIDEO;
    const poses = isVideo
      ? await this.estimatePoses(model, input, job, signal, (share) => progress(POSE_SHARE * share))
      : await this.readAll(input.sha256);
    const base = isVideo ? POSE_SHARE : 0;
    if (isVideo) await moveOn({ stage: SoundtrackJobStage.GENERATING });
    const eta = new GenerationEta();
    const generating = performance.now();
    const soundtrack = await model.generate({
      poses,
      genre: job.genre,
      seconds: job.seconds,
      seed: job.seed,
      steps: job.steps,
      sampler: job.sampler as SamplerName,
      guidance: job.guidance,
      signal,
      // A fraction over every step of every window of a long request.
      onStep: (info) => {
        const fraction = generationFraction(info);
        progress(base + (1 - base) * fraction, { etaSeconds: eta.observe(fraction) });
      },
    });
    run.report?.generated(soundtrack.seconds, (performance.now() - generating) / 1000);
    await progress.flush();
    const wav = writeWav({ sampleRate: soundtrack.sampleRate, channels: [soundtrack.audio] });
    let muxed: { mp4Path: string; dispose(): Promise<void> } | undefined;
    if (isVideo) {
      await moveOn({ stage: SoundtrackJobStage.MUXING });
      muxed = await this.mux(input.sha256, wav, signal);
    }
    try {
      await moveOn({ stage: SoundtrackJobStage.ANALYSING });
      const sync = this.measureSync(job, model, soundtrack.audio, soundtrack.sampleRate, poses);
      return { wav, sync, mp4Path: muxed?.mp4Path, dispose: muxed?.dispose ?? (async () => undefined) };
    } catch (error) {
      await muxed?.dispose();
      throw error;
    }
  }

  /**
   * The result's onsets against the input's visual beats (sync-analysis.ts), with the serving model's rhythm
   * settings. Measuring is a courtesy to the job page: if it fails, the job still succeeds, without it.
   */
  private measureSync(
    job: SoundtrackJobEntity,
    model: GenerationThread,
    audio: Float32Array,
    sampleRate: number,
    poses: unknown,
  ): SoundtrackSync | null {
    try {
      return measureSync({
        audio,
        sampleRate,
        poses,
        seconds: job.seconds,
        rhythm: rhythmOptions(model.contract.rhythm),
      });
    } catch (error) {
      this.logger.warn(`sync of job ${job.id} not measured: ${(error as Error).message}`);
      return null;
    }
  }

  /**
   * Writes a change of stage (or the model version) onto the RUNNING row at once, so a page opened now says
   * it, and publishes it. A row no longer RUNNING means a cancel won: `cancelled` stops the run.
   */
  private async moveOn(
    job: SoundtrackJobEntity,
    input: SoundtrackJobInput,
    change: StageChange,
    cancelled: () => void,
  ): Promise<void> {
    Object.assign(job, change);
    const { affected } = await this.uow.run(job.tenantId, (m) =>
      m.update(SoundtrackJobEntity, { id: job.id, status: SoundtrackJobStatus.RUNNING }, change),
    );
    if (affected === 0) cancelled();
    await this.publish(job, input);
  }

  private estimatePoses(
    model: GenerationThread,
    video: ArtifactEntity,
    job: SoundtrackJobEntity,
    signal: AbortSignal,
    onShare: (share: number) => void,
  ) {
    return this.store.withLocalFile(video.sha256, async (path) => {
      const estimation = await estimatePoses(path, {
        fps: model.contract.pose.fps,
        durationSeconds: job.seconds,
        signal,
        onProgress: ({ done, total }) => onShare(done / Math.max(1, total)),
      });
      return { fps: estimation.fps, keypoints: estimation.keypoints };
    });
  }

  private async mux(
    videoSha256: string,
    wav: Uint8Array,
    signal: AbortSignal,
  ): Promise<{ mp4Path: string; dispose(): Promise<void> }> {
    const dir = await mkdtemp(join(tmpdir(), 'loris-mux-'));
    const dispose = () => rm(dir, { recursive: true, force: true });
    try {
      const wavPath = join(dir, 'audio.wav');
      const mp4Path = join(dir, 'muxed.mp4');
      await writeFile(wavPath, wav);
      await this.store.withLocalFile(videoSha256, (videoPath) =>
        muxAudio(videoPath, wavPath, mp4Path, { signal }),
      );
      return { mp4Path, dispose };
    } catch (error) {
      await dispose();
      throw error;
    }
  }

  /**
   * Publishes every call; writes the row at most every PROGRESS_WRITE_MS, only while it is RUNNING. A write
   * that finds the row no longer RUNNING calls `cancelled`: the cancel's Redis message may have been lost
   * (pub/sub does not redeliver) or sent before this run subscribed.
   */
  private progressReporter(job: SoundtrackJobEntity, input: SoundtrackJobInput, cancelled: () => void) {
    let lastWrite = 0;
    let pending: Promise<unknown> = Promise.resolve();
    const report = (progress: number, live: LiveJobFacts = {}) => {
      job.progress = Math.min(1, Math.max(0, progress));
      void this.publish(job, input, live);
      if (Date.now() - lastWrite < PROGRESS_WRITE_MS) return;
      lastWrite = Date.now();
      const value = job.progress;
      pending = pending.then(() =>
        this.uow
          .run(job.tenantId, (m) =>
            m.update(
              SoundtrackJobEntity,
              { id: job.id, status: SoundtrackJobStatus.RUNNING },
              { progress: value },
            ),
          )
          .then(({ affected }) => {
            if (affected === 0) cancelled();
          })
          .catch((error: Error) => this.logger.warn(`progress of ${job.id} not saved: ${error.message}`)),
      );
    };
    return Object.assign(report, { flush: () => pending });
  }

  /**
   * Stores the result once, and only onto a RUNNING row: the blobs are put while this transaction holds the
   * row lock that cancel() also takes. A cancel that committed first leaves nothing to store (no orphan
   * blob); one that comes during the write waits and then finds the job SUCCEEDED. Nothing is ever deleted
   * here: blobs are content-addressed, so the same bytes may already belong to another job or tenant.
   */
  private async finish(
    job: SoundtrackJobEntity,
    input: SoundtrackJobInput,
    produced: Produced,
  ): Promise<void> {
    const done = await this.uow.run(job.tenantId, async (m) => {
      const row = await this.lock(m, job.id);
      if (row?.status !== SoundtrackJobStatus.RUNNING) return undefined;
      const audio = await this.saveArtifact(
        m,
        job.tenantId,
        ArtifactKind.WAV,
        'audio/wav',
        await this.store.put(Readable.from([Buffer.from(produced.wav)])),
      );
      const video = produced.mp4Path
        ? await this.saveArtifact(
            m,
            job.tenantId,
            ArtifactKind.MP4,
            'video/mp4',
            await this.store.put(createReadStream(produced.mp4Path)),
          )
        : undefined;
      row.status = SoundtrackJobStatus.SUCCEEDED;
      row.stage = SoundtrackJobStage.DONE;
      row.sync = produced.sync;
      row.progress = 1;
      row.audioArtifactId = audio.id;
      row.videoArtifactId = video?.id ?? null;
      row.finishedAt = new Date();
      return m.save(row);
    });
    if (done) await this.publish(done, input);
  }

  private saveArtifact(
    m: EntityManager,
    tenantId: string,
    kind: ArtifactKind,
    mediaType: string,
    blob: StoredBlob,
  ): Promise<ArtifactEntity> {
    return m.save(m.create(ArtifactEntity, { tenantId, kind, mediaType, ...blob }));
  }

  /**
   * A run stopped by a cancellation ends CANCELLED. The cancel usually wrote that already; a row still
   * RUNNING (the abort came from elsewhere) is closed here, so it never stays RUNNING or ends FAILED.
   */
  private endCancelled(job: SoundtrackJobEntity, input: SoundtrackJobInput): Promise<void> {
    return this.endRunning(job, input, { status: SoundtrackJobStatus.CANCELLED });
  }

  private fail(
    job: SoundtrackJobEntity,
    input: SoundtrackJobInput,
    code: string,
    message: string,
  ): Promise<void> {
    return this.endRunning(job, input, {
      status: SoundtrackJobStatus.FAILED,
      errorCode: code,
      errorMessage: message,
    });
  }

  /** Ends the job as `end` says, only if it is still RUNNING (a cancel or another run may have ended it). */
  private async endRunning(
    job: SoundtrackJobEntity,
    input: SoundtrackJobInput,
    end: Partial<SoundtrackJobEntity>,
  ): Promise<void> {
    const ended = await this.uow.run(job.tenantId, async (m) => {
      const row = await this.lock(m, job.id);
      if (row?.status !== SoundtrackJobStatus.RUNNING) return undefined;
      Object.assign(row, end, { finishedAt: new Date() });
      return m.save(row);
    });
    if (ended) await this.publish(ended, input);
  }

  private lock(m: EntityManager, id: string): Promise<SoundtrackJobEntity | null> {
    return m.findOne(SoundtrackJobEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  private async publish(
    job: SoundtrackJobEntity,
    input: SoundtrackJobInput | null,
    live: LiveJobFacts = {},
  ): Promise<void> {
    await this.events
      .publishUpdate(SOUNDTRACK_JOB_TOPIC, job.id, toSoundtrackJobView(job, input, live))
      .catch((error: Error) => this.logger.warn(`update of ${job.id} not published: ${error.message}`));
  }

  private async readAll(sha256: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.store.createReadStream(sha256))
      chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }
}
