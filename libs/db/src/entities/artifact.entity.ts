import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ArtifactKind } from './artifact-kind.enum';
import { BIGINT_AS_NUMBER } from './bigint-column';

/** A tenant's reference to a blob of the blob store (content-addressed by sha256). */
@Entity({ name: 'artifacts' })
export class ArtifactEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'enum', enum: ArtifactKind, enumName: 'artifact_kind' })
  kind!: ArtifactKind;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'bigint', transformer: BIGINT_AS_NUMBER })
  bytes!: number;

  @Column({ name: 'media_type', type: 'text' })
  mediaType!: string;

  /** Seconds an uploaded pose track or video covers (null for other kinds). */
  @Column({ name: 'duration_seconds', type: 'double precision', nullable: true })
  durationSeconds!: number | null;

  /** The uploaded file's own name (sanitised: no path, no control characters); null when none was given. */
  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName!: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_by_api_key', type: 'uuid', nullable: true })
  createdByApiKey!: string | null;

  /**
   * Sent through POST /v1/uploads (the workspace's file to pick again), as opposed to written by the worker.
   * Kept apart from created_by*, which a deleted account or key clears.
   */
  @Column({ type: 'boolean', default: false })
  uploaded!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
