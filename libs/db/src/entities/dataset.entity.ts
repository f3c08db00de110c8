import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DatasetCategory } from './dataset-category.enum';

@Entity({ name: 'datasets' })
export class DatasetEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'enum', enum: DatasetCategory, enumName: 'dataset_category' })
  category!: DatasetCategory;

  @Column({ type: 'text', default: '' })
  description!: string;

  /** The segment lengths the ingest job cuts, in seconds: 25, 50 or both. */
  @Column({ name: 'segment_lengths', type: 'integer', array: true })
  segmentLengths!: number[];

  /** Frames per second at which the ingest job estimates poses. */
  @Column({ name: 'pose_fps', type: 'real' })
  poseFps!: number;

  /** The member who created it; null when an API key did (then createdByApiKey is set). */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_by_api_key', type: 'uuid', nullable: true })
  createdByApiKey!: string | null;

  // Millisecond precision so a JavaScript Date round-trips exactly through a pagination cursor.
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
