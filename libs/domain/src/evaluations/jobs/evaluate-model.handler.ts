import { Inject, Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { EntityManager } from 'typeorm';
import { writeWav } from '@loris/audio';
import {
  ArtifactEntity,
  ArtifactKind,
  EvaluationRunEntity,
  EvaluationRunModelEntity,
  EvaluationSampleEntity,
  EvaluationStatus,
  EvaluationSummaryEntity,
  SegmentEntity,
  TenantUnitOfWork,
} from '@loris/db';
import {
  BLOB_STORE,
  EvaluateModelJobData,
  FinalFailure,
  isLastAttempt,
  JobEvents,
  JobRun,
} from '@loris/engine';
import { GenerationThread, SamplerName } from '@loris/inference';
import { BlobStore } from '@loris/storage';
import { ServingVersions } from '../../models/serving-versions.service';
import { GenerationThreads } from '../../serving-model/generation-threads.service';
import { describeFailure, describeFinalFailure } from '../../soundtracks/jobs/job-failure';
import { splitSegments, SplitSegment } from '../evaluation-start';
import { PlannedSample, planSamples, remainingSamples } from '../evaluation-plan';
import { EvaluationReader } from '../evaluation-reader';
import { summarizeSamples } from '../evaluation-summary';
import { EVALUATION_TOPIC } from '../evaluations.views';
import { AnalysedAudio, analyseForScoring, SampleScores, scoreSample, scoringAudio } from '../sample-scores';

const OUR_FAULT = 'The evaluation stopped because of a fault on our side; start it again';

/** What a segment gives every sample of it: the pose track to generate from and the scored ground truth. */
interface SegmentInputs {
  segment: SplitSegment;
  poses: Buffer;
  groundTruth: AnalysedAudio;
  /** Seconds the ground truth's analysis took: part of what scoring one pair costs. */
  groundTruthSeconds: number;
  rhythmPeaks: number[] | null;
}

/** A sample generated and scored, not stored yet. */
interface MadeSample {
  planned: PlannedSample;
  wav: Uint8Array;
  scores: SampleScores;
  generateSeconds: number;
  scoreSeconds: number;
}

/**
 * The evaluate job: walks the run's (segment, version, seed) samples in planSamples' stable order, skips the
 * ones already written (a retry after a crash goes on where it stopped), generates each through the worker's
 * generation threads exactly as a soundtrack job does (GenerationThreads + ServingVersions, the same request
 * fields, so the bytes equal an API request's for the same request and seed), scores it against the segment's
 * ground truth, and stores the WAV and the row in one transaction that holds the run's row lock and finds it
 * still RUNNING (a cancel that won leaves nothing half-written). At the end, the summaries and SUCCEEDED in one
 * transaction.
 */
@Injectable()
export class EvaluateModelHandler {
  private readonly logger = new Logger('EvaluateModel');

  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly threads: GenerationThreads,
    private readonly versions: ServingVersions,
    private readonly reader: EvaluationReader,
    private readonly events: JobEvents,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
  ) {}

  async handle({ tenantId, runId }: EvaluateModelJobData, job: JobRun): Promise<void> {
    const run = await this.start(tenantId, runId);
    if (!run) return;
    const abort = new AbortController();
    const stopListening = await this.events.onCancel(EVALUATION_TOPIC, runId, () => abort.abort());
    try {
      const walked = await this.walk(run, abort.signal);
      if (walked) await this.finish(run);
    } catch (error) {
      const failure = describeFailure(error);
      if (failure.cancelled || abort.signal.aborted) return;
      if (failure.retryable && !isLastAttempt(job)) {
        this.logger.warn(
          `evaluation ${runId} attempt ${job.attempt} failed, retrying: ${(error as Error).message}`,
        );
        throw error;
      }
      if (failure.retryable)
        this.logger.error(`evaluation ${runId} failed: ${(error as Error).stack ?? error}`);
      await this.end(run, {
        status: EvaluationStatus.FAILED,
        errorCode: failure.code,
        errorMessage: failure.retryable ? OUR_FAULT : failure.message,
      });
    } finally {
      await stopListening();
    }
  }

  /** Bull gave the run up (its workers died more often than it allows): FAILED, if still unfinished. */
  async onFinalFailure({ tenantId, runId }: EvaluateModelJobData, failure: FinalFailure): Promise<void> {
    const lost = describeFinalFailure(failure);
    this.logger.error(`evaluation ${runId} given up by the queue (${failure.cause}): ${failure.reason}`);
    const run = await this.uow.run(tenantId, (m) => m.findOneBy(EvaluationRunEntity, { id: runId }));
    if (run) {
      await this.end(run, {
        status: EvaluationStatus.FAILED,
        errorCode: lost.code,
        errorMessage:
          failure.cause === 'stalled'
            ? 'The workers running this evaluation stopped more than once; start it again'
            : OUR_FAULT,
      });
    }
  }

  /** Marks the run RUNNING; undefined when there is nothing to do (gone, cancelled or ended). */
  private async start(tenantId: string, runId: string): Promise<EvaluationRunEntity | undefined> {
    const run = await this.uow.run(tenantId, async (m) => {
      const found = await this.lock(m, runId);
      if (found?.status !== EvaluationStatus.QUEUED && found?.status !== EvaluationStatus.RUNNING)
        return undefined;
      found.status = EvaluationStatus.RUNNING;
      found.startedAt ??= new Date();
      found.attempts += 1;
      return m.save(found);
    });
    if (run) await this.publish(run);
    return run;
  }

  /** Generates and stores every remaining sample; false when the run stopped being RUNNING (cancelled). */
  private async walk(run: EvaluationRunEntity, signal: AbortSignal): Promise<boolean> {
    const { segments, versionIds, written } = await this.uow.run(run.tenantId, async (m) => ({
      segments: await splitSegments(m, run.datasetVersionId, run.split),
      versionIds: (
        await m.find(EvaluationRunModelEntity, { where: { runId: run.id }, order: { ordinal: 'ASC' } })
      ).map((row) => row.modelVersionId),
      written: await m.find(EvaluationSampleEntity, {
        where: { runId: run.id },
        select: { segmentId: true, modelVersionId: true, seed: true },
      }),
    }));
    const remaining = remainingSamples(
      planSamples(
        segments.map((s) => s.id),
        versionIds,
        run.seeds,
      ),
      written,
    );
    if (written.length)
      this.logger.log(`evaluation ${run.id}: ${written.length} samples already written, going on`);
    const segmentOf = new Map(segments.map((s) => [s.id, s]));
    let inputs: SegmentInputs | undefined;
    for (const planned of remaining) {
      if (signal.aborted) return false;
      if (inputs?.segment.id !== planned.segmentId) {
        inputs = await this.segmentInputs(run.tenantId, segmentOf.get(planned.segmentId) as SplitSegment);
      }
      // As the soundtrack job does, per sample: the LRU may have replaced a version's thread meanwhile.
      const thread = await this.threads.get(await this.versions.find(run.tenantId, planned.modelVersionId));
      const made = await this.make(run, thread, inputs, planned, signal);
      if (!(await this.storeSample(run, made))) return false;
    }
    return true;
  }

  private async segmentInputs(tenantId: string, segment: SplitSegment): Promise<SegmentInputs> {
    const full = await this.uow.run(tenantId, (m) => m.findOneByOrFail(SegmentEntity, { id: segment.id }));
    const artifacts = await this.uow.run(tenantId, (m) =>
      m.findBy(ArtifactEntity, [
        { id: full.wavArtifactId },
        { id: full.posesArtifactId as string },
        ...(full.visualRhythmArtifactId ? [{ id: full.visualRhythmArtifactId }] : []),
      ]),
    );
    const sha = (id: string | null) => artifacts.find((a) => a.id === id)?.sha256 as string;
    const [wav, poses, rhythm] = await Promise.all([
      this.readAll(sha(full.wavArtifactId)),
      this.readAll(sha(full.posesArtifactId)),
      full.visualRhythmArtifactId ? this.readAll(sha(full.visualRhythmArtifactId)) : Promise.resolve(null),
    ]);
    const started = performance.now();
    const groundTruth = analyseForScoring(scoringAudio(wav));
    const groundTruthSeconds = (performance.now() - started) / 1000;
    const peaks = rhythm
      ? (JSON.parse(rhythm.toString('utf8')) as { peakTimes?: number[] }).peakTimes
      : undefined;
    return { segment, poses, groundTruth, groundTruthSeconds, rhythmPeaks: peaks ?? null };
  }

  /** One sample: the soundtrack job's generation call with the run's settings, then its scores. */
  private async make(
    run: EvaluationRunEntity,
    thread: GenerationThread,
    inputs: SegmentInputs,
    planned: PlannedSample,
    signal: AbortSignal,
  ): Promise<MadeSample> {
    const generating = performance.now();
    const soundtrack = await thread.generate({
      poses: inputs.poses,
      genre: inputs.segment.genre as string,
      seconds: inputs.segment.lengthSeconds,
      seed: planned.seed,
      steps: run.steps,
      sampler: run.sampler as SamplerName,
      guidance: run.guidance,
      signal,
    });
    const generateSeconds = (performance.now() - generating) / 1000;
    const scoring = performance.now();
    const generated = analyseForScoring({ samples: soundtrack.audio, sampleRate: soundtrack.sampleRate });
    const scores = scoreSample(inputs.groundTruth, generated, inputs.rhythmPeaks);
    const scoreSeconds = (performance.now() - scoring) / 1000 + inputs.groundTruthSeconds;
    const wav = writeWav({ sampleRate: soundtrack.sampleRate, channels: [soundtrack.audio] });
    return { planned, wav, scores, generateSeconds, scoreSeconds };
  }

  /**
   * Stores the WAV and the row under the run's row lock, only while it is RUNNING and only if the sample is
   * not there yet; then the run's count. False when the run is no longer RUNNING (a cancel won).
   */
  private async storeSample(run: EvaluationRunEntity, made: MadeSample): Promise<boolean> {
    const { planned } = made;
    const updated = await this.uow.run(run.tenantId, async (m) => {
      const row = await this.lock(m, run.id);
      if (row?.status !== EvaluationStatus.RUNNING) return undefined;
      const exists = await m.existsBy(EvaluationSampleEntity, {
        runId: run.id,
        modelVersionId: planned.modelVersionId,
        segmentId: planned.segmentId,
        seed: planned.seed,
      });
      if (!exists) {
        const blob = await this.store.put(Readable.from([Buffer.from(made.wav)]));
        const audio = await m.save(
          m.create(ArtifactEntity, {
            tenantId: run.tenantId,
            kind: ArtifactKind.WAV,
            mediaType: 'audio/wav',
            ...blob,
          }),
        );
        await m.insert(EvaluationSampleEntity, {
          tenantId: run.tenantId,
          runId: run.id,
          modelVersionId: planned.modelVersionId,
          segmentId: planned.segmentId,
          seed: planned.seed,
          audioArtifactId: audio.id,
          ...made.scores,
          scorerVersion: row.scorerVersion,
          generateSeconds: made.generateSeconds,
          scoreSeconds: made.scoreSeconds,
        });
      }
      row.doneSamples = await m.countBy(EvaluationSampleEntity, { runId: run.id });
      return m.save(row);
    });
    if (!updated) return false;
    await this.publish(updated);
    return true;
  }

  /** The summaries, per version, and SUCCEEDED: one transaction, only onto a RUNNING run. */
  private async finish(run: EvaluationRunEntity): Promise<void> {
    const done = await this.uow.run(run.tenantId, async (m) => {
      const row = await this.lock(m, run.id);
      if (row?.status !== EvaluationStatus.RUNNING) return undefined;
      const samples = await m.findBy(EvaluationSampleEntity, { runId: run.id });
      const models = await m.find(EvaluationRunModelEntity, {
        where: { runId: run.id },
        order: { ordinal: 'ASC' },
      });
      for (const model of models) {
        const own = samples.filter((s) => s.modelVersionId === model.modelVersionId);
        if (own.length === 0) continue;
        const { samples: count, ...scores } = summarizeSamples(own);
        await m.insert(EvaluationSummaryEntity, {
          runId: run.id,
          modelVersionId: model.modelVersionId,
          tenantId: run.tenantId,
          samples: count,
          ...scores,
          scorerVersion: row.scorerVersion,
        });
      }
      Object.assign(row, {
        status: EvaluationStatus.SUCCEEDED,
        doneSamples: samples.length,
        finishedAt: new Date(),
      });
      return m.save(row);
    });
    if (done) await this.publish(done);
  }

  /** Ends the run as `end` says, only if it has not ended (a cancel or another run may have ended it). */
  private async end(run: EvaluationRunEntity, end: Partial<EvaluationRunEntity>): Promise<void> {
    const ended = await this.uow.run(run.tenantId, async (m) => {
      const row = await this.lock(m, run.id);
      if (row?.status !== EvaluationStatus.RUNNING && row?.status !== EvaluationStatus.QUEUED)
        return undefined;
      Object.assign(row, end, { finishedAt: new Date() });
      return m.save(row);
    });
    if (ended) await this.publish(ended);
  }

  private lock(m: EntityManager, id: string): Promise<EvaluationRunEntity | null> {
    return m.findOne(EvaluationRunEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  private async publish(run: EvaluationRunEntity): Promise<void> {
    try {
      const view = await this.reader.view(run.tenantId, run.id);
      await this.events.publishUpdate(EVALUATION_TOPIC, run.id, view);
    } catch (error) {
      this.logger.warn(`update of evaluation ${run.id} not published: ${(error as Error).message}`);
    }
  }

  private async readAll(sha256: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.store.createReadStream(sha256))
      chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }
}
