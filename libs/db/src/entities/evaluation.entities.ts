import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { DatasetSplit } from './curation.enums';

/** Where an evaluation run stands. */
export enum EvaluationStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

/** One evaluation: model versions x a frozen version's split x seeds, with the sampler settings. */
@Entity({ name: 'evaluation_runs' })
export class EvaluationRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'dataset_version_id', type: 'uuid' })
  datasetVersionId!: string;

  @Column({ type: 'enum', enum: DatasetSplit, enumName: 'dataset_split' })
  split!: DatasetSplit;

  @Column({ type: 'text' })
  sampler!: string;

  @Column({ type: 'integer' })
  steps!: number;

  @Column({ type: 'double precision' })
  guidance!: number;

  @Column({ type: 'integer', array: true })
  seeds!: number[];

  @Column({
    type: 'enum',
    enum: EvaluationStatus,
    enumName: 'evaluation_status',
    default: EvaluationStatus.QUEUED,
  })
  status!: EvaluationStatus;

  @Column({ name: 'scorer_version', type: 'text' })
  scorerVersion!: string;

  @Column({ name: 'total_samples', type: 'integer' })
  totalSamples!: number;

  @Column({ name: 'done_samples', type: 'integer', default: 0 })
  doneSamples!: number;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode!: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_by_api_key', type: 'uuid', nullable: true })
  createdByApiKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', precision: 3, nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', precision: 3, nullable: true })
  finishedAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}

/** A model version compared by a run, in the order it was asked for. */
@Entity({ name: 'evaluation_run_models' })
export class EvaluationRunModelEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' })
  runId!: string;

  @PrimaryColumn({ name: 'model_version_id', type: 'uuid' })
  modelVersionId!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'integer' })
  ordinal!: number;
}

/** One generated and scored sample; written once (the app role cannot update it). */
@Entity({ name: 'evaluation_samples' })
export class EvaluationSampleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId!: string;

  @Column({ name: 'model_version_id', type: 'uuid' })
  modelVersionId!: string;

  @Column({ name: 'segment_id', type: 'uuid' })
  segmentId!: string;

  @Column({ type: 'integer' })
  seed!: number;

  @Column({ name: 'audio_artifact_id', type: 'uuid' })
  audioArtifactId!: string;

  /** Cover of the pair (its BCS), a fraction. */
  @Column({ type: 'real' })
  bcs!: number;

  /** Hit of the pair (its BHS), a fraction. */
  @Column({ type: 'real' })
  bhs!: number;

  @Column({ type: 'real' })
  f1!: number;

  /** Strict +-70 ms onset F-measure against the ground truth's onsets. */
  @Column({ name: 'onset_f', type: 'real' })
  onsetF!: number;

  /** Strict +-70 ms onset F-measure against the visual rhythm's peaks; null without a rhythm. */
  @Column({ name: 'rhythm_f', type: 'real', nullable: true })
  rhythmF!: number | null;

  @Column({ name: 'generated_onsets', type: 'integer' })
  generatedOnsets!: number;

  /** The generated audio's onset times in seconds. */
  @Column({ name: 'onset_times', type: 'real', array: true, default: () => "'{}'" })
  onsetTimes!: number[];

  @Column({ name: 'scorer_version', type: 'text' })
  scorerVersion!: string;

  @Column({ name: 'generate_seconds', type: 'double precision' })
  generateSeconds!: number;

  @Column({ name: 'score_seconds', type: 'double precision' })
  scoreSeconds!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

/** A version's set statistics in a finished run (the paper's table row). */
@Entity({ name: 'evaluation_summaries' })
export class EvaluationSummaryEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' })
  runId!: string;

  @PrimaryColumn({ name: 'model_version_id', type: 'uuid' })
  modelVersionId!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'integer' })
  samples!: number;

  @Column({ type: 'double precision' })
  bcs!: number;

  @Column({ type: 'double precision', nullable: true })
  csd!: number | null;

  @Column({ type: 'double precision' })
  bhs!: number;

  @Column({ type: 'double precision', nullable: true })
  hsd!: number | null;

  @Column({ type: 'double precision' })
  f1!: number;

  @Column({ name: 'onset_f', type: 'double precision' })
  onsetF!: number;

  @Column({ name: 'rhythm_f', type: 'double precision', nullable: true })
  rhythmF!: number | null;

  @Column({ name: 'rhythm_samples', type: 'integer' })
  rhythmSamples!: number;

  @Column({ name: 'generate_seconds', type: 'double precision' })
  generateSeconds!: number;

  @Column({ name: 'score_seconds', type: 'double precision' })
  scoreSeconds!: number;

  @Column({ name: 'scorer_version', type: 'text' })
  scorerVersion!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
