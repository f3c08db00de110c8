import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { BIGINT_AS_NUMBER } from './bigint-column';

/**
 * A tenant's own limits; a null field (or no row) means the configured default. The app role may only read
 * this table: operators set it with `loris admin quotas set` on the owner connection.
 */
@Entity({ name: 'tenant_quotas' })
export class TenantQuotaEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'max_concurrent_jobs', type: 'integer', nullable: true })
  maxConcurrentJobs!: number | null;

  @Column({ name: 'max_seconds_per_month', type: 'integer', nullable: true })
  maxSecondsPerMonth!: number | null;

  @Column({ name: 'max_stored_bytes', type: 'bigint', nullable: true, transformer: BIGINT_AS_NUMBER })
  maxStoredBytes!: number | null;

  @Column({ name: 'max_training_minutes_per_month', type: 'integer', nullable: true })
  maxTrainingMinutesPerMonth!: number | null;

  @Column({ name: 'max_evaluation_samples_per_month', type: 'integer', nullable: true })
  maxEvaluationSamplesPerMonth!: number | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
