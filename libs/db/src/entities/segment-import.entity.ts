import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DatasetSplit } from './curation.enums';

/**
 * What an import of a precomputed segment brought (a LORIS release item or a manifest line), kept beside
 * its `videos` row (which has no source video) for the ingest-segment job to read.
 */
@Entity({ name: 'segment_imports' })
export class SegmentImportEntity {
  @PrimaryColumn({ name: 'video_id', type: 'uuid' })
  videoId!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'dataset_id', type: 'uuid' })
  datasetId!: string;

  /** A digest of the parts' contents and the length: the same files imported twice are one segment. */
  @Column({ name: 'import_key', type: 'text' })
  importKey!: string;

  @Column({ name: 'audio_artifact_id', type: 'uuid' })
  audioArtifactId!: string;

  @Column({ name: 'poses_artifact_id', type: 'uuid' })
  posesArtifactId!: string;

  @Column({ name: 'i3d_artifact_id', type: 'uuid', nullable: true })
  i3dArtifactId!: string | null;

  @Column({ name: 'length_seconds', type: 'integer' })
  lengthSeconds!: number;

  @Column({ type: 'text', nullable: true })
  genre!: string | null;

  @Column({
    name: 'source_split',
    type: 'enum',
    enum: DatasetSplit,
    enumName: 'dataset_split',
    nullable: true,
  })
  sourceSplit!: DatasetSplit | null;
}
