/**
 * Where a training run's backends meet the training domain (issue 15). The train job's handler resolves a
 * run into a TrainingRunSpec and hands it to the runner of the run's backend (LOCAL: a child process on this
 * worker; KUBERNETES: a Job on a GPU cluster); the runner reports what the trainer says through the sink and
 * ends with an outcome. The handler owns the rows: runners never touch the database.
 */

/** The trainer's config presets (apps/trainer/configs). */
export type TrainerPreset = 'tiny' | 'paper';

export interface TrainingRunSpec {
  runId: string;
  tenantId: string;
  preset: TrainerPreset;
  /** Dotted trainer config keys (`train.batch_size`), already validated against the trainer's schema. */
  overrides: Record<string, string | number | boolean | Array<string | number | boolean>>;
  /** Total steps (the run's horizon), counted from step 0 even when resuming. */
  steps: number;
  datasetVersionId: string;
  /** A checkpoint to continue from (a blob-store key), when the run resumes itself or another run. */
  resumeCheckpoint: string | null;
}

/** One JSON line of the trainer (`python3 -m loris_trainer train`), as it printed it. */
export type TrainerEvent =
  | { event: 'step'; step: number; loss: number; lr: number; secondsPerStep: number }
  | { event: 'val'; step: number; loss: number }
  | { event: 'checkpoint'; step: number; path: string }
  /** After SIGTERM: the step the run stopped at and the checkpoint saved there (exit status 3). */
  | { event: 'cancelled'; step: number; checkpoint: string | null }
  | { event: 'done'; step: number; finalLoss: number | null; valLoss: number | null; checkpoint: string }
  | { event: 'error'; code: string; message: string };

export interface TrainingRunSink {
  /** A metric or lifecycle event, in the order the trainer printed it. */
  event(event: TrainerEvent): Promise<void>;
  /** Log lines (stdout lines that are not events, and stderr), to store and show as the run's tail. */
  log(lines: string[]): Promise<void>;
  /**
   * KUBERNETES runs: where the run lives in the cluster (merged into training_runs.backend_ref) and the
   * sha256 of the token its pods report with (training_runs.report_token_hash), stored before the pods
   * start; called again with the same values when a retried job finds its Job already submitted. The LOCAL
   * runner does not call it.
   */
  setBackendRef(ref: TrainingBackendRef, reportTokenHash: string): Promise<void>;
}

/** A KUBERNETES run's Job (training_runs.backend_ref). */
export interface TrainingBackendRef {
  kind: 'kubernetes';
  namespace: string;
  job: string;
}

export type TrainingOutcome =
  | {
      status: 'SUCCEEDED';
      /** A folder with conditioner.onnx, denoiser.onnx and model.json, to register. */ exportDir: string;
    }
  | {
      status: 'CANCELLED';
      /** The checkpoint saved on the way out, when there is one. */ checkpoint: string | null;
    }
  | { status: 'FAILED'; message: string };

export interface TrainingRunner {
  /**
   * Runs the spec to its end. `signal` aborts on cancel: the runner asks the trainer to stop (SIGTERM, or
   * deleting the Job), waits for its checkpoint and resolves CANCELLED. A crash of this worker is not an
   * outcome: the job is retried and the handler passes the last stored checkpoint as resumeCheckpoint.
   */
  run(spec: TrainingRunSpec, sink: TrainingRunSink, signal: AbortSignal): Promise<TrainingOutcome>;
}
