import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A training run's life: QUEUED -> RUNNING -> SUCCEEDED | FAILED, or CANCELLING -> CANCELLED on cancel. */
export enum TrainingRunStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  CANCELLING = 'CANCELLING',
  CANCELLED = 'CANCELLED',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

export const FINISHED_TRAINING_STATUSES: readonly TrainingRunStatus[] = [
  TrainingRunStatus.CANCELLED,
  TrainingRunStatus.SUCCEEDED,
  TrainingRunStatus.FAILED,
];

/** Where the trainer runs: a child process of a worker, or a Job on a GPU cluster. */
export enum TrainingBackend {
  LOCAL = 'LOCAL',
  KUBERNETES = 'KUBERNETES',
}

export type TrainingMetricKind = 'train' | 'val';

/** A run of the trainer on a frozen dataset version (migration 1765400000000). */
@Entity({ name: 'training_runs' })
export class TrainingRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'dataset_version_id', type: 'uuid' })
  datasetVersionId!: string;

  /** The trainer's config preset: tiny or paper. */
  @Column({ type: 'text' })
  preset!: string;

  /** Dotted trainer config keys and their values, validated against the trainer's schema. */
  @Column({ type: 'jsonb' })
  overrides!: Record<string, unknown>;

  @Column({ type: 'integer' })
  steps!: number;

  @Column({ type: 'enum', enum: TrainingBackend, enumName: 'training_backend' })
  backend!: TrainingBackend;

  /** The model its version is registered under. */
  @Column({ name: 'model_name', type: 'text' })
  modelName!: string;

  @Column({ type: 'enum', enum: TrainingRunStatus, enumName: 'training_run_status' })
  status!: TrainingRunStatus;

  @Column({ name: 'resume_from_run_id', type: 'uuid', nullable: true })
  resumeFromRunId!: string | null;

  /** The last stored checkpoint (a blob's sha256) and the step it holds. */
  @Column({ name: 'checkpoint_sha256', type: 'text', nullable: true })
  checkpointSha256!: string | null;

  @Column({ name: 'checkpoint_step', type: 'integer', nullable: true })
  checkpointStep!: number | null;

  @Column({ name: 'last_step', type: 'integer' })
  lastStep!: number;

  @Column({ name: 'seconds_per_step', type: 'double precision', nullable: true })
  secondsPerStep!: number | null;

  @Column({ name: 'model_version_id', type: 'uuid', nullable: true })
  modelVersionId!: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ name: 'backend_ref', type: 'jsonb', nullable: true })
  backendRef!: Record<string, unknown> | null;

  @Column({ name: 'report_token_hash', type: 'text', nullable: true })
  reportTokenHash!: string | null;

  @Column({ type: 'integer' })
  attempt!: number;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_by_api_key', type: 'uuid', nullable: true })
  createdByApiKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', precision: 3, nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', precision: 3, nullable: true })
  endedAt!: Date | null;
}

/** One metric of a run at a step: the training loss (with lr and speed) or the validation loss. */
@Entity({ name: 'training_metric_points' })
export class TrainingMetricPointEntity {
  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ name: 'run_id', type: 'uuid' })
  runId!: string;

  @PrimaryColumn({ type: 'enum', enum: ['train', 'val'], enumName: 'training_metric_kind' })
  kind!: TrainingMetricKind;

  @PrimaryColumn({ type: 'integer' })
  step!: number;

  @Column({ type: 'double precision' })
  loss!: number;

  @Column({ type: 'double precision', nullable: true })
  lr!: number | null;

  @Column({ name: 'seconds_per_step', type: 'double precision', nullable: true })
  secondsPerStep!: number | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', precision: 3 })
  recordedAt!: Date;
}

/** A numbered chunk of a run's log lines (the trainer's non-JSON output and stderr). */
@Entity({ name: 'training_run_logs' })
export class TrainingRunLogEntity {
  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ name: 'run_id', type: 'uuid' })
  runId!: string;

  @PrimaryColumn({ type: 'integer' })
  chunk!: number;

  @Column({ type: 'text', array: true })
  lines!: string[];

  @Column({ name: 'recorded_at', type: 'timestamptz', precision: 3 })
  recordedAt!: Date;
}
