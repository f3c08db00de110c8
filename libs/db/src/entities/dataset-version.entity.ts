import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { BIGINT_AS_NUMBER } from './bigint-column';
import { DatasetSplit, DatasetSplitBy } from './curation.enums';

/** Table-1 style statistics of a version (the paper's dataset table), stored when it is frozen. */
export interface DatasetVersionStats {
  segments: number;
  totalSeconds: number;
  totalHours: number;
  sourceVideos: number;
  byCategory: Record<string, number>;
  /** Keyed by the length in seconds ("25", "50"). */
  byLength: Record<string, number>;
  /** Keyed by genre; segments without one under "" . */
  byGenre: Record<string, number>;
  bySplit: Record<string, number>;
}

/** A numbered, frozen selection of a dataset's accepted segments with a split for each. */
@Entity({ name: 'dataset_versions' })
export class DatasetVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'dataset_id', type: 'uuid' })
  datasetId!: string;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ name: 'split_seed', type: 'bigint', transformer: BIGINT_AS_NUMBER })
  splitSeed!: number;

  @Column({ name: 'split_by', type: 'enum', enum: DatasetSplitBy, enumName: 'dataset_split_by' })
  splitBy!: DatasetSplitBy;

  @Column({ name: 'train_ratio', type: 'double precision' })
  trainRatio!: number;

  @Column({ name: 'valid_ratio', type: 'double precision' })
  validRatio!: number;

  @Column({ name: 'test_ratio', type: 'double precision' })
  testRatio!: number;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  stats!: DatasetVersionStats;

  /** Set in the transaction that wrote the membership; from then on the database refuses every change. */
  @Column({ name: 'frozen_at', type: 'timestamptz', precision: 3, nullable: true })
  frozenAt!: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_by_api_key', type: 'uuid', nullable: true })
  createdByApiKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

/** One segment of a version, and the split it is in. */
@Entity({ name: 'dataset_version_segments' })
export class DatasetVersionSegmentEntity {
  @PrimaryColumn({ name: 'version_id', type: 'uuid' })
  versionId!: string;

  @PrimaryColumn({ name: 'segment_id', type: 'uuid' })
  segmentId!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'enum', enum: DatasetSplit, enumName: 'dataset_split' })
  split!: DatasetSplit;
}
