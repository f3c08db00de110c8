import { Inject, Injectable } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { EntityManager } from 'typeorm';
import {
  isUniqueViolation,
  isUuid,
  ModelEntity,
  ModelVersionEntity,
  ModelVersionSource,
  TenantUnitOfWork,
} from '@loris/db';
import { BLOB_STORE, cursorAfter, Page, pageOf, TenantContext } from '@loris/engine';
import { BlobStore } from '@loris/storage';
import { AuditService } from '../audit/audit.service';
import { checkModelFolder } from './check-model-folder';
import { summarizeContract } from './contract-summary';
import { checkModelName } from './model-names';
import { InvalidModelVersionError, ModelNotFoundError } from './models.exception';
import { ModelVersionView, ModelView } from './models.views';
import { receiveModelTar } from './receive-model-tar';
import { modelNames, ServingVersions } from './serving-versions.service';

/** Where a registered version came from, beyond who registered it (the training slice fills it in). */
export interface TrainedProvenance {
  datasetVersionId: string;
  trainingRunId: string | null;
  /**
   * Runs in the transaction that inserts the version (the training run links it there), so a failure
   * leaves neither the version without its run's link nor the link without the version.
   */
  onRegistered?: (m: EntityManager, version: ModelVersionEntity) => Promise<void>;
}

/**
 * Models and their versions. A version is registered from a folder that checkModelFolder accepted: its
 * files go to the blob store first (content-addressed, so a put is harmless if the rows then fail), then
 * the model (created on first use) and the version are written in one transaction, numbered per model.
 */
@Injectable()
export class ModelRegistryService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
    private readonly audit: AuditService,
    private readonly serving: ServingVersions,
  ) {}

  /**
   * `loris models push`: a tar of the folder (at most `maxBytes`), unpacked to a temp folder, then
   * registerFolder; the temp folder is removed whatever the outcome.
   */
  async registerTar(
    caller: TenantContext,
    modelName: string,
    body: NodeJS.ReadableStream,
    maxBytes: number,
  ): Promise<ModelVersionView> {
    checkModelName(modelName);
    const received = await receiveModelTar(body, maxBytes);
    try {
      return await this.registerFolder(caller, modelName, received.dir);
    } finally {
      await received.dispose();
    }
  }

  /** Checks the folder, stores its files and registers it as the next version of model `modelName`. */
  async registerFolder(
    caller: TenantContext,
    modelName: string,
    dir: string,
    trained?: TrainedProvenance,
  ): Promise<ModelVersionView> {
    checkModelName(modelName);
    const checked = await checkModelFolder(dir);
    for (const file of checked.files) {
      const stored = await this.store.put(createReadStream(join(dir, file.name)));
      // The folder was hashed a moment ago; a change since then is refused rather than registered.
      if (stored.sha256 !== file.sha256) {
        throw new InvalidModelVersionError(`${file.name} changed while it was being registered; push it again`);
      }
    }
    const version = await this.uow
      .run(caller.tenantId, async (m) => {
        const model = await this.modelFor(m, caller, modelName);
        const existing = await m.findOneBy(ModelVersionEntity, { modelId: model.id, cardSha256: checked.cardSha256 });
        if (existing) {
          throw new InvalidModelVersionError(
            `this model.json is already version ${existing.number} of ${modelName} (${existing.id})`,
          );
        }
        const last = await m
          .createQueryBuilder(ModelVersionEntity, 'version')
          .select('MAX(version.number)', 'number')
          .where('version.model_id = :id', { id: model.id })
          .getRawOne<{ number: number | null }>();
        const saved = await m.save(
          m.create(ModelVersionEntity, {
            tenantId: caller.tenantId,
            modelId: model.id,
            number: (last?.number ?? 0) + 1,
            label: checked.label,
            contract: checked.card,
            cardSha256: checked.cardSha256,
            files: checked.files,
            source: trained ? ModelVersionSource.TRAINED : ModelVersionSource.UPLOADED,
            datasetVersionId: trained?.datasetVersionId ?? null,
            trainingRunId: trained?.trainingRunId ?? null,
            createdBy: caller.userId,
            createdByApiKey: caller.apiKeyId,
          }),
        );
        await trained?.onRegistered?.(m, saved);
        return saved;
      })
      .catch((error: unknown) => {
        // Two pushes of the same model at once: one gets the number, the other is told to try again.
        if (isUniqueViolation(error)) {
          throw new InvalidModelVersionError(`another version of ${modelName} was registered at the same time; push again`);
        }
        throw error;
      });
    this.audit.record(
      caller,
      'model_version.registered',
      { type: 'model_version', id: version.id },
      { model: modelName, number: version.number, label: version.label, cardSha256: checked.cardSha256 },
    );
    return this.toView(version, modelName);
  }

  /** The tenant's models and the built-in one, oldest first (the built-in leads). */
  async list(caller: TenantContext, first: number, after?: string | null): Promise<Page<ModelView>> {
    const cursor = cursorAfter(after);
    const rows = await this.uow.run(caller.tenantId, async (m) => {
      const query = m
        .createQueryBuilder(ModelEntity, 'model')
        .orderBy('model.created_at', 'ASC')
        .addOrderBy('model.id', 'ASC')
        .limit(first + 1);
      if (cursor) {
        query.where('(model.created_at, model.id) > (:createdAt, :id)', cursor);
      }
      const models = await query.getMany();
      return Promise.all(models.map(async (model) => ({ model, count: await this.versionCount(m, model.id) })));
    });
    return pageOf(
      rows,
      first,
      ({ model }) => model,
      ({ model, count }) => modelView(model, count),
    );
  }

  async get(caller: TenantContext, id: string): Promise<ModelView> {
    if (!isUuid(id)) throw new ModelNotFoundError(id);
    return this.uow.run(caller.tenantId, async (m) => {
      const model = await m.findOneBy(ModelEntity, { id });
      if (!model) throw new ModelNotFoundError(id);
      return modelView(model, await this.versionCount(m, id));
    });
  }

  /** A model's versions, newest first. */
  async versions(
    caller: TenantContext,
    modelId: string,
    first: number,
    after?: string | null,
  ): Promise<Page<ModelVersionView>> {
    if (!isUuid(modelId)) throw new ModelNotFoundError(modelId);
    const cursor = cursorAfter(after);
    const { model, rows } = await this.uow.run(caller.tenantId, async (m) => {
      const found = await m.findOneBy(ModelEntity, { id: modelId });
      if (!found) throw new ModelNotFoundError(modelId);
      const query = m
        .createQueryBuilder(ModelVersionEntity, 'version')
        .where('version.model_id = :modelId', { modelId })
        .orderBy('version.created_at', 'DESC')
        .addOrderBy('version.id', 'DESC')
        .limit(first + 1);
      if (cursor) query.andWhere('(version.created_at, version.id) < (:createdAt, :id)', cursor);
      return { model: found, rows: await query.getMany() };
    });
    const views = await Promise.all(rows.map((row) => this.toView(row, model.name)));
    return pageOf(
      rows.map((row, i) => ({ row, view: views[i] })),
      first,
      ({ row }) => row,
      ({ view }) => view,
    );
  }

  /** One version the tenant can see; NOT_FOUND otherwise. */
  async version(caller: TenantContext, id: string): Promise<ModelVersionView> {
    const { row, name } = await this.uow.run(caller.tenantId, async (m) => {
      const resolved = await this.serving.load(m, id);
      const found = await m.findOneByOrFail(ModelVersionEntity, { id: resolved.id });
      return { row: found, name: (await modelNames(m, [found.modelId])).get(found.modelId) ?? '' };
    });
    return this.toView(row, name);
  }

  async toView(row: ModelVersionEntity, modelName: string): Promise<ModelVersionView> {
    const contract = await this.serving.contractOf(row);
    const builtIn = row.tenantId === null;
    return {
      id: row.id,
      modelId: row.modelId,
      modelName,
      number: row.number,
      label: builtIn ? `${contract.name}@${contract.version}` : row.label,
      builtIn,
      cardSha256: row.cardSha256,
      files: row.files,
      contract: summarizeContract(contract),
      provenance: {
        source: row.source,
        createdBy: row.createdBy,
        createdByApiKey: row.createdByApiKey,
        datasetVersionId: row.datasetVersionId,
        trainingRunId: row.trainingRunId,
      },
      createdAt: row.createdAt,
    };
  }

  /** The tenant's model named `name`, created if it has none (locked against a concurrent first push). */
  private async modelFor(m: EntityManager, caller: TenantContext, name: string): Promise<ModelEntity> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`loris-model:${caller.tenantId}:${name}`]);
    const found = await m
      .createQueryBuilder(ModelEntity, 'model')
      .where('model.tenant_id = :tenant AND model.name = :name', { tenant: caller.tenantId, name })
      .getOne();
    if (found) return found;
    return m.save(
      m.create(ModelEntity, {
        tenantId: caller.tenantId,
        name,
        createdBy: caller.userId,
        createdByApiKey: caller.apiKeyId,
      }),
    );
  }

  private async versionCount(m: EntityManager, modelId: string): Promise<number> {
    return m.countBy(ModelVersionEntity, { modelId });
  }
}

function modelView(model: ModelEntity, versionCount: number): ModelView {
  return {
    id: model.id,
    name: model.name,
    builtIn: model.tenantId === null,
    versionCount,
    createdAt: model.createdAt,
  };
}
