import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { BIGINT_AS_NUMBER } from './bigint-column';
import { SoundtrackJobStage } from './soundtrack-job-stage.enum';
import { SoundtrackJobStatus } from './soundtrack-job-status.enum';
import type { SoundtrackSync } from './soundtrack-sync';

/** One soundtrack request: its parameters, where it stands, and its result or error. */
@Entity({ name: 'soundtrack_jobs' })
export class SoundtrackJobEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'enum', enum: SoundtrackJobStatus, enumName: 'soundtrack_job_status' })
  status!: SoundtrackJobStatus;

  @Column({ type: 'real' })
  progress!: number;

  /** What the worker is doing now, or the last thing it did before the job ended. */
  @Column({
    type: 'enum',
    enum: SoundtrackJobStage,
    enumName: 'soundtrack_job_stage',
    default: SoundtrackJobStage.QUEUED,
  })
  stage!: SoundtrackJobStage;

  /** The uploaded pose track or video. */
  @Column({ name: 'input_artifact_id', type: 'uuid' })
  inputArtifactId!: string;

  @Column({ type: 'text' })
  genre!: string;

  @Column({ type: 'double precision' })
  seconds!: number;

  @Column({ type: 'bigint', transformer: BIGINT_AS_NUMBER })
  seed!: number;

  @Column({ type: 'integer' })
  steps!: number;

  @Column({ type: 'text' })
  sampler!: string;

  @Column({ type: 'double precision' })
  guidance!: number;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey!: string | null;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode!: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ name: 'audio_artifact_id', type: 'uuid', nullable: true })
  audioArtifactId!: string | null;

  @Column({ name: 'video_artifact_id', type: 'uuid', nullable: true })
  videoArtifactId!: string | null;

  /** The model that generated the result, as `name@version` of its card; set when generation starts. */
  @Column({ name: 'model_version', type: 'text', nullable: true })
  modelVersion!: string | null;

  /**
   * The registry version that serves the job, resolved when it was requested (an alias moved later does
   * not change it); null only for jobs from before the registry, which the built-in served.
   */
  @Column({ name: 'model_version_id', type: 'uuid', nullable: true })
  modelVersionId!: string | null;

  /** The alias the request named (null: a version id, or the default), for comparing a replayed request. */
  @Column({ name: 'requested_model_alias', type: 'text', nullable: true })
  requestedModelAlias!: string | null;

  /** The result's onsets against the input's visual beats; null until it succeeded, or if it failed. */
  @Column({ type: 'jsonb', nullable: true })
  sync!: SoundtrackSync | null;

  /** How many times a worker has started it (retries and stalled-job recoveries included). */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

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
