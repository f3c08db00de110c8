import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Where a model version came from. */
export enum ModelVersionSource {
  /** The shipped default, served from MODEL_DIR (tenant_id NULL, read-only). */
  BUILTIN = 'BUILTIN',
  /** Pushed by a member or an API key (`loris models push`). */
  UPLOADED = 'UPLOADED',
  /** Registered by a training run of this platform. */
  TRAINED = 'TRAINED',
}

/** One file of a version, a blob of the blob store: its name in the model folder, sha256 and length. */
export interface ModelVersionFile {
  name: string;
  sha256: string;
  bytes: number;
}

/** A named model of a tenant (or the built-in one, tenant NULL): a line of versions. */
@Entity({ name: 'models' })
export class ModelEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid', nullable: true })
  tenantId!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_by_api_key', type: 'uuid', nullable: true })
  createdByApiKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

/** An immutable model version: its checked card, its files by sha256 and where it came from. */
@Entity({ name: 'model_versions' })
export class ModelVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid', nullable: true })
  tenantId!: string | null;

  @Column({ name: 'model_id', type: 'uuid' })
  modelId!: string;

  @Column({ type: 'integer' })
  number!: number;

  /** The card's name@version. */
  @Column({ type: 'text' })
  label!: string;

  /** model.json as registered; null for the built-in version (MODEL_DIR's card). */
  @Column({ type: 'jsonb', nullable: true })
  contract!: Record<string, unknown> | null;

  @Column({ name: 'card_sha256', type: 'text', nullable: true })
  cardSha256!: string | null;

  @Column({ type: 'jsonb' })
  files!: ModelVersionFile[];

  @Column({ type: 'enum', enum: ModelVersionSource, enumName: 'model_version_source' })
  source!: ModelVersionSource;

  @Column({ name: 'dataset_version_id', type: 'uuid', nullable: true })
  datasetVersionId!: string | null;

  @Column({ name: 'training_run_id', type: 'uuid', nullable: true })
  trainingRunId!: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_by_api_key', type: 'uuid', nullable: true })
  createdByApiKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

/** A tenant's name (production, staging, ...) for one model version. */
@Entity({ name: 'model_aliases' })
export class ModelAliasEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId!: string;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @Column({ name: 'updated_by_api_key', type: 'uuid', nullable: true })
  updatedByApiKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}

/** One move of an alias (append-only). */
@Entity({ name: 'model_alias_events' })
export class ModelAliasEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'alias_id', type: 'uuid' })
  aliasId!: string;

  @Column({ name: 'alias_name', type: 'text' })
  aliasName!: string;

  /** Null when the move created the alias. */
  @Column({ name: 'from_version_id', type: 'uuid', nullable: true })
  fromVersionId!: string | null;

  @Column({ name: 'to_version_id', type: 'uuid' })
  toVersionId!: string;

  @Column({ name: 'moved_by', type: 'uuid', nullable: true })
  movedBy!: string | null;

  @Column({ name: 'moved_by_api_key', type: 'uuid', nullable: true })
  movedByApiKey!: string | null;

  @CreateDateColumn({ name: 'moved_at', type: 'timestamptz', precision: 3 })
  movedAt!: Date;
}
