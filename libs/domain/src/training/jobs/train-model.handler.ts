import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { In } from 'typeorm';
import {
  MembershipRole,
  TenantUnitOfWork,
  TrainingBackend,
  TrainingRunEntity,
  TrainingRunStatus,
} from '@loris/db';
import {
  APP_CONFIG,
  AppConfig,
  BLOB_STORE,
  FinalFailure,
  isLastAttempt,
  JobEvents,
  JobRun,
  TenantContext,
  TrainModelJobData,
} from '@loris/engine';
import { BlobStore } from '@loris/storage';
import { VersionExportService } from '../../curation/export/version-export.service';
import { ModelRegistryService } from '../../models/model-registry.service';
import { LocalTrainingRunner } from '../runners/local-training-runner';
import type {
  TrainerPreset,
  TrainingOutcome,
  TrainingRunner,
  TrainingRunSpec,
} from '../runners/training-runner';
import { TrainingEventsService } from '../training-events.service';
import { TRAINING_RUN_TOPIC } from '../training-runs.service';
import { findTrainerDir } from './trainer-dir';
import { RunRecorder } from './run-recorder';

/** The Kubernetes backend's runner, provided by its module when it is there (libs/domain/src/training/kubernetes). */
export const KUBERNETES_TRAINING_RUNNER = Symbol('KUBERNETES_TRAINING_RUNNER');

/** A stored error message is cut to this (the column's limit). */
const MAX_ERROR = 8000;

class RunNoLongerRunning extends Error {}

/**
 * The train job: marks the run RUNNING, hands its spec to the runner of its backend with a recording
 * sink, and ends it by the outcome. A retry of the job (a worker killed mid-run: Bull's stalled-job
 * recovery) finds the row RUNNING and resumes from its last stored checkpoint. Success registers the
 * exported model version and links it to the run in one transaction (ModelRegistryService.onRegistered).
 */
@Injectable()
export class TrainModelHandler {
  private readonly logger = new Logger('TrainModel');

  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly events: JobEvents,
    private readonly recorder: TrainingEventsService,
    private readonly registry: ModelRegistryService,
    private readonly exports: VersionExportService,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(KUBERNETES_TRAINING_RUNNER) private readonly kubernetes?: TrainingRunner,
  ) {}

  async handle({ tenantId, runId }: TrainModelJobData, job: JobRun): Promise<void> {
    const run = await this.start(tenantId, runId);
    if (!run) {
      job.report?.ended({ outcome: 'skipped' });
      return;
    }
    const abort = new AbortController();
    const stopListening = await this.events.onCancel(TRAINING_RUN_TOPIC, runId, () => abort.abort());
    const workDir = await mkdtemp(join(tmpdir(), 'loris-train-'));
    const sink = new RunRecorder(tenantId, runId, this.recorder, this.store, () => abort.abort());
    try {
      const outcome = await this.runnerFor(run, workDir).run(await this.spec(run), sink, abort.signal);
      await sink.close();
      await this.end(run, outcome);
      if (outcome.status === 'CANCELLED') job.report?.ended({ outcome: 'cancelled' });
      if (outcome.status === 'FAILED') job.report?.ended({ outcome: 'failed', code: 'TRAINING_FAILED' });
    } catch (error) {
      await sink.close();
      if (!isLastAttempt(job) && !abort.signal.aborted) {
        this.logger.warn(
          `training run ${runId} attempt ${job.attempt} failed, retrying: ${(error as Error).message}`,
        );
        throw error;
      }
      this.logger.error(`training run ${runId} failed: ${(error as Error).stack ?? error}`);
      job.report?.ended({ outcome: 'failed', code: 'TRAINING_FAILED' });
      await this.endRunning(
        tenantId,
        runId,
        abort.signal.aborted ? TrainingRunStatus.CANCELLED : TrainingRunStatus.FAILED,
        (error as Error).message,
      );
    } finally {
      await stopListening();
      await rm(workDir, { recursive: true, force: true });
    }
  }

  /** Bull gave the job up (its workers kept dying): the run ends FAILED instead of staying RUNNING. */
  async onFinalFailure({ tenantId, runId }: TrainModelJobData, failure: FinalFailure): Promise<void> {
    this.logger.error(`training run ${runId} given up by the queue (${failure.cause}): ${failure.reason}`);
    await this.endRunning(
      tenantId,
      runId,
      TrainingRunStatus.FAILED,
      failure.cause === 'stalled'
        ? 'The run was lost: the workers running it stopped (killed or out of memory) too many times'
        : 'The run failed on every attempt; see the log',
      true,
    );
  }

  /** QUEUED or RUNNING (a retry) becomes RUNNING, counting the attempt; a run cancelled meanwhile ends here. */
  private async start(tenantId: string, runId: string): Promise<TrainingRunEntity | undefined> {
    return this.uow.run(tenantId, async (m) => {
      const row = await m.findOne(TrainingRunEntity, {
        where: { id: runId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) return undefined;
      if (row.status === TrainingRunStatus.CANCELLING) {
        // Its worker died while stopping it: the stop is what was asked for.
        Object.assign(row, { status: TrainingRunStatus.CANCELLED, endedAt: new Date() });
        await m.save(row);
        return undefined;
      }
      if (row.status !== TrainingRunStatus.QUEUED && row.status !== TrainingRunStatus.RUNNING)
        return undefined;
      row.status = TrainingRunStatus.RUNNING;
      row.startedAt ??= new Date();
      row.attempt += 1;
      if (row.backend === TrainingBackend.LOCAL) row.backendRef = { host: hostname(), pid: process.pid };
      return m.save(row);
    });
  }

  /** The run's spec; it resumes from its own last checkpoint, else from the run it was started from. */
  private async spec(run: TrainingRunEntity): Promise<TrainingRunSpec> {
    let resumeCheckpoint = run.checkpointSha256;
    if (!resumeCheckpoint && run.resumeFromRunId) {
      const from = await this.uow.run(run.tenantId, (m) =>
        m.findOneBy(TrainingRunEntity, { id: run.resumeFromRunId! }),
      );
      resumeCheckpoint = from?.checkpointSha256 ?? null;
    }
    return {
      runId: run.id,
      tenantId: run.tenantId,
      preset: run.preset as TrainerPreset,
      overrides: run.overrides as TrainingRunSpec['overrides'],
      steps: run.steps,
      datasetVersionId: run.datasetVersionId,
      resumeCheckpoint,
    };
  }

  private runnerFor(run: TrainingRunEntity, workDir: string): TrainingRunner {
    if (run.backend === TrainingBackend.KUBERNETES) {
      if (!this.kubernetes) throw new Error('this worker has no Kubernetes training backend');
      return this.kubernetes;
    }
    const local = this.config.trainingLocal;
    return new LocalTrainingRunner(
      {
        trainerDir: findTrainerDir(local.trainerDir),
        python: local.python,
        threads: local.threads,
        maxSeconds: local.maxSeconds,
      },
      (spec) => this.materialize(run, spec, workDir),
    );
  }

  /** The version's manifest export (the same code path as the export route) and the resume checkpoint. */
  private async materialize(run: TrainingRunEntity, spec: TrainingRunSpec, workDir: string) {
    const manifestDir = join(workDir, 'dataset');
    await mkdir(manifestDir);
    const prepared = await this.exports.prepare(callerOf(run), spec.datasetVersionId, 'manifest');
    await untar(manifestDir, (out) => prepared.writeTar(out));
    let resumeCheckpoint: string | null = null;
    if (spec.resumeCheckpoint) {
      resumeCheckpoint = join(workDir, 'resume.pt');
      await pipeline(
        await this.store.createReadStream(spec.resumeCheckpoint),
        createWriteStream(resumeCheckpoint),
      );
    }
    // Named by the run's id: the trainer records its folder's name as the checkpoint's training run.
    return { manifestDir, resumeCheckpoint, runDir: join(workDir, run.id) };
  }

  private async end(run: TrainingRunEntity, outcome: TrainingOutcome): Promise<void> {
    if (outcome.status === 'CANCELLED') {
      await this.endRunning(run.tenantId, run.id, TrainingRunStatus.CANCELLED, null);
    } else if (outcome.status === 'FAILED') {
      await this.endRunning(run.tenantId, run.id, TrainingRunStatus.FAILED, outcome.message);
    } else {
      // The KUBERNETES runner downloads the pod's export outside the run's work folder: removed here too.
      await this.register(run, outcome.exportDir).finally(() =>
        rm(outcome.exportDir, { recursive: true, force: true }),
      );
    }
  }

  /**
   * Registers the export as the next version of the run's model and, in the same transaction, marks the
   * run SUCCEEDED with its link. A run cancelled meanwhile registers nothing and ends CANCELLED.
   */
  private async register(run: TrainingRunEntity, exportDir: string): Promise<void> {
    try {
      await this.registry.registerFolder(callerOf(run), run.modelName, exportDir, {
        datasetVersionId: run.datasetVersionId,
        trainingRunId: run.id,
        onRegistered: async (m, version) => {
          const { affected } = await m.update(
            TrainingRunEntity,
            { id: run.id, status: TrainingRunStatus.RUNNING },
            {
              status: TrainingRunStatus.SUCCEEDED,
              modelVersionId: version.id,
              endedAt: new Date(),
              errorMessage: null,
            },
          );
          if (!affected) throw new RunNoLongerRunning();
        },
      });
    } catch (error) {
      if (error instanceof RunNoLongerRunning) {
        await this.endRunning(run.tenantId, run.id, TrainingRunStatus.CANCELLED, null);
        return;
      }
      // A refused export (the registry's checks) is the run's failure, in the registry's words.
      await this.endRunning(
        run.tenantId,
        run.id,
        TrainingRunStatus.FAILED,
        `the trained model could not be registered: ${(error as Error).message}`,
      );
    }
  }

  /** Ends a RUNNING or CANCELLING run (also QUEUED when `queuedToo`); a finished run is left as it is. */
  private async endRunning(
    tenantId: string,
    runId: string,
    status: TrainingRunStatus,
    message: string | null,
    queuedToo = false,
  ): Promise<void> {
    const from = [
      TrainingRunStatus.RUNNING,
      TrainingRunStatus.CANCELLING,
      ...(queuedToo ? [TrainingRunStatus.QUEUED] : []),
    ];
    await this.uow.run(tenantId, (m) =>
      m.update(
        TrainingRunEntity,
        { id: runId, status: In(from) },
        { status, errorMessage: message?.slice(-MAX_ERROR) ?? null, endedAt: new Date() },
      ),
    );
  }
}

/** The member (or key) who started the run: the registered version and its audit event name them. */
function callerOf(run: TrainingRunEntity): TenantContext {
  return {
    tenantId: run.tenantId,
    role: MembershipRole.ENGINEER,
    userId: run.createdBy,
    apiKeyId: run.createdByApiKey,
  };
}

/** Unpacks a tar written by `write` into `dir` with the system's tar (no archive file in between). */
function untar(dir: string, write: (out: Writable) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const tar = spawn('tar', ['-x', '-C', dir], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    tar.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    tar.once('error', reject);
    tar.once('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`unpacking the dataset failed (tar ${code}): ${stderr.slice(-500)}`)),
    );
    write(tar.stdin).catch((error: Error) => {
      tar.kill();
      reject(error);
    });
  });
}
