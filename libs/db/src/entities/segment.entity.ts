import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DatasetCategory } from './dataset-category.enum';
import { DatasetSplit, SegmentRejectReason, SegmentReviewStatus } from './curation.enums';

/**
 * A 25 s or 50 s piece of a source video, keyed by (video, start, length), with the artifacts the ingest
 * job made of it and the curator's decision.
 */
@Entity({ name: 'segments' })
export class SegmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'video_id', type: 'uuid' })
  videoId!: string;

  @Column({ name: 'dataset_id', type: 'uuid' })
  datasetId!: string;

  @Column({ name: 'start_seconds', type: 'double precision' })
  startSeconds!: number;

  @Column({ name: 'length_seconds', type: 'integer' })
  lengthSeconds!: number;

  @Column({ type: 'enum', enum: DatasetCategory, enumName: 'dataset_category' })
  category!: DatasetCategory;

  @Column({ type: 'text', nullable: true })
  genre!: string | null;

  @Column({
    type: 'enum',
    enum: SegmentReviewStatus,
    enumName: 'segment_review_status',
    default: SegmentReviewStatus.PENDING,
  })
  status!: SegmentReviewStatus;

  @Column({ type: 'enum', enum: SegmentRejectReason, enumName: 'segment_reject_reason', nullable: true })
  reason!: SegmentRejectReason | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy!: string | null;

  @Column({ name: 'reviewed_by_api_key', type: 'uuid', nullable: true })
  reviewedByApiKey!: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', precision: 3, nullable: true })
  reviewedAt!: Date | null;

  /** e.g. "no_person" (SEGMENT_FLAGS). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  flags!: string[];

  @Column({ name: 'wav_artifact_id', type: 'uuid' })
  wavArtifactId!: string;

  @Column({ name: 'poses_artifact_id', type: 'uuid', nullable: true })
  posesArtifactId!: string | null;

  @Column({ name: 'pose_features_artifact_id', type: 'uuid', nullable: true })
  poseFeaturesArtifactId!: string | null;

  @Column({ name: 'visual_rhythm_artifact_id', type: 'uuid', nullable: true })
  visualRhythmArtifactId!: string | null;

  @Column({ name: 'onsets_artifact_id', type: 'uuid', nullable: true })
  onsetsArtifactId!: string | null;

  @Column({ name: 'i3d_artifact_id', type: 'uuid', nullable: true })
  i3dArtifactId!: string | null;

  @Column({ name: 'thumbnail_artifact_id', type: 'uuid', nullable: true })
  thumbnailArtifactId!: string | null;

  /** The authors' list an imported segment came from; null for ingested segments. */
  @Column({
    name: 'source_split',
    type: 'enum',
    enum: DatasetSplit,
    enumName: 'dataset_split',
    nullable: true,
  })
  sourceSplit!: DatasetSplit | null;

  /** Strict onset F-measure (+-70 ms) of the audio onsets against the visual rhythm; null without rhythm. */
  @Column({ name: 'sync_f_measure', type: 'real', nullable: true })
  syncFMeasure!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
