import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  BUILTIN_MODEL_NAME,
  BUILTIN_MODEL_VERSION_ID,
  isUuid,
  ModelAliasEntity,
  ModelEntity,
  ModelVersionEntity,
  ModelVersionFile,
  TenantUnitOfWork,
} from '@loris/db';
import { TenantContext } from '@loris/engine';
import { ModelContract, parseModelContract } from '@loris/inference';
import { ServingModelService, ServingModelView } from '../serving-model/serving-model.service';
import { checkAliasName, PRODUCTION_ALIAS } from './model-names';
import { InvalidModelRequestError, ModelVersionNotFoundError, UnknownModelAliasError } from './models.exception';
import { ModelSelector } from './models.views';

/** The version a request is served by, and the card it is checked and generated with. */
export interface ResolvedModelVersion {
  id: string;
  builtIn: boolean;
  label: string;
  contract: ModelContract;
  /** Its files in the blob store; empty for the built-in, served from MODEL_DIR. */
  files: ModelVersionFile[];
  /** How it was chosen: by id, by an alias (its name), or by falling back to the built-in. */
  via: string;
}

// Versions are immutable, so a parse is good for as long as the process lives; the bound only keeps a
// tenant that registers thousands of versions from growing the map without end.
const MAX_PARSED = 64;

/**
 * Which registry version serves a request: the one it names, the alias it names ("default" is the
 * built-in), else the tenant's `production` alias, else the built-in default. Resolved at request time and
 * stored on the job, so a moved alias reaches the next request at once and no worker caches an alias.
 */
@Injectable()
export class ServingVersions {
  private readonly parsed = new Map<string, ModelContract>();

  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly builtIn: ServingModelService,
  ) {}

  /** resolve() in a transaction of its own. */
  resolveFor(caller: TenantContext, selector: ModelSelector | null | undefined): Promise<ResolvedModelVersion> {
    return this.uow.run(caller.tenantId, (m) => this.resolve(m, selector));
  }

  /** Inside the caller's tenant transaction (row-level security hides other tenants' versions). */
  async resolve(m: EntityManager, selector: ModelSelector | null | undefined): Promise<ResolvedModelVersion> {
    const versionId = selector?.versionId ?? null;
    const alias = selector?.alias ?? null;
    if (versionId !== null && alias !== null) {
      throw new InvalidModelRequestError('Give model.versionId or model.alias, not both');
    }
    if (versionId !== null) return this.load(m, versionId, `version ${versionId}`);
    if (alias === BUILTIN_MODEL_NAME) return this.load(m, BUILTIN_MODEL_VERSION_ID, 'alias default');
    const name = alias === null ? PRODUCTION_ALIAS : checkAliasName(alias);
    const found = await m.findOneBy(ModelAliasEntity, { name });
    if (found) return this.load(m, found.versionId, `alias ${name}`);
    if (alias !== null) throw new UnknownModelAliasError(alias);
    return this.load(m, BUILTIN_MODEL_VERSION_ID, 'built-in default (no production alias)');
  }

  /** A version the tenant can see (its own or the built-in), with its parsed card; NOT_FOUND otherwise. */
  async load(m: EntityManager, id: string, via = `version ${id}`): Promise<ResolvedModelVersion> {
    if (!isUuid(id)) throw new ModelVersionNotFoundError(id);
    const row = await m.findOneBy(ModelVersionEntity, { id });
    if (!row) throw new ModelVersionNotFoundError(id);
    return { ...(await this.describeRow(row)), via };
  }

  /** The worker's read of a job's version (null: a job from before the registry, served by the built-in). */
  find(tenantId: string, id: string | null): Promise<ResolvedModelVersion> {
    return this.uow.run(tenantId, (m) => this.load(m, id ?? BUILTIN_MODEL_VERSION_ID));
  }

  /** The card of a version row: MODEL_DIR's for the built-in, the stored one (parsed once) for the rest. */
  async contractOf(row: ModelVersionEntity): Promise<ModelContract> {
    if (row.contract === null) return this.builtIn.contract();
    let contract = this.parsed.get(row.id);
    if (!contract) {
      contract = parseModelContract(row.contract);
      if (this.parsed.size >= MAX_PARSED) this.parsed.delete(this.parsed.keys().next().value as string);
      this.parsed.set(row.id, contract);
    }
    return contract;
  }

  /** servingModel: what a request naming `selector` gets, and the version it resolves to. */
  async describe(
    caller: TenantContext,
    selector: ModelSelector | null | undefined,
  ): Promise<ServingModelView & { versionId: string; via: string }> {
    const resolved = await this.resolveFor(caller, selector);
    return { ...this.builtIn.describeContract(resolved.contract), versionId: resolved.id, via: resolved.via };
  }

  private async describeRow(row: ModelVersionEntity): Promise<Omit<ResolvedModelVersion, 'via'>> {
    const contract = await this.contractOf(row);
    const builtIn = row.tenantId === null;
    return {
      id: row.id,
      builtIn,
      label: builtIn ? `${contract.name}@${contract.version}` : row.label,
      contract,
      files: row.files,
    };
  }
}

/** The name of a version's model, for views (one query for a page of versions). */
export async function modelNames(m: EntityManager, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await m
    .createQueryBuilder(ModelEntity, 'model')
    .select(['model.id', 'model.name'])
    .where('model.id IN (:...ids)', { ids: [...new Set(ids)] })
    .getMany();
  return new Map(rows.map((row) => [row.id, row.name]));
}
