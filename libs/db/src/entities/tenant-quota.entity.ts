import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A tenant's own limits; a null field (or no row) means the configured default. */
@Entity({ name: 'tenant_quotas' })
export class TenantQuotaEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'max_concurrent_jobs', type: 'integer', nullable: true })
  maxConcurrentJobs!: number | null;

  @Column({ name: 'max_seconds_per_month', type: 'integer', nullable: true })
  maxSecondsPerMonth!: number | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
