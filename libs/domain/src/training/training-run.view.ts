import {
  FINISHED_TRAINING_STATUSES,
  TrainingBackend,
  TrainingMetricKind,
  TrainingMetricPointEntity,
  TrainingRunEntity,
  TrainingRunStatus,
} from '@loris/db';
import type { TrainerPreset } from './runners/training-runner';
import { runTiming } from './training-eta';

/** What startTrainingRun takes (the API's input implements it). */
export interface StartTrainingRunRequest {
  datasetVersionId: string;
  config: 'TINY' | 'PAPER';
  /** Dotted trainer config keys and typed values; validated against the trainer's schema. */
  overrides?: Record<string, unknown> | null;
  steps: number;
  backend: 'LOCAL' | 'KUBERNETES';
  resumeFromRunId?: string | null;
  /** The model its version is registered under (default `trained`). */
  modelName?: string | null;
}

export interface TrainingRunView {
  id: string;
  datasetVersionId: string;
  config: 'TINY' | 'PAPER';
  overrides: { key: string; value: string }[];
  steps: number;
  backend: TrainingBackend;
  modelName: string;
  status: TrainingRunStatus;
  resumeFromRunId: string | null;
  checkpointStep: number | null;
  lastStep: number;
  secondsPerStep: number | null;
  modelVersionId: string | null;
  errorMessage: string | null;
  attempt: number;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  elapsedSeconds: number | null;
  etaSeconds: number | null;
}

export interface TrainingMetricPointView {
  kind: TrainingMetricKind;
  step: number;
  loss: number;
  lr: number | null;
  secondsPerStep: number | null;
  recordedAt: Date;
}

export const presetOf = (config: 'TINY' | 'PAPER'): TrainerPreset => (config === 'PAPER' ? 'paper' : 'tiny');

export const isFinishedRun = (status: TrainingRunStatus) => FINISHED_TRAINING_STATUSES.includes(status);

export function toTrainingRunView(row: TrainingRunEntity, now = new Date()): TrainingRunView {
  const timing = runTiming(row, isFinishedRun(row.status), now);
  return {
    id: row.id,
    datasetVersionId: row.datasetVersionId,
    config: row.preset === 'paper' ? 'PAPER' : 'TINY',
    overrides: Object.entries(row.overrides).map(([key, value]) => ({ key, value: JSON.stringify(value) })),
    steps: row.steps,
    backend: row.backend,
    modelName: row.modelName,
    status: row.status,
    resumeFromRunId: row.resumeFromRunId,
    checkpointStep: row.checkpointStep,
    lastStep: row.lastStep,
    secondsPerStep: row.secondsPerStep,
    modelVersionId: row.modelVersionId,
    errorMessage: row.errorMessage,
    attempt: row.attempt,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    ...timing,
  };
}

export function toMetricPointView(row: TrainingMetricPointEntity): TrainingMetricPointView {
  return {
    kind: row.kind,
    step: row.step,
    loss: row.loss,
    lr: row.lr,
    secondsPerStep: row.secondsPerStep,
    recordedAt: row.recordedAt,
  };
}
