import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { MembershipRole, ModelAliasEntity, ModelAliasEventEntity, TenantUnitOfWork } from '@loris/db';
import { TenantContext } from '@loris/engine';
import { AuditService } from '../audit/audit.service';
import { checkAliasName } from './model-names';
import { AliasMoveForbiddenError } from './models.exception';
import { ModelAliasView } from './models.views';
import { ServingVersions } from './serving-versions.service';

/** The roles that promote versions: what serves the tenant's traffic is an engineering decision. */
const MOVERS: readonly MembershipRole[] = [MembershipRole.OWNER, MembershipRole.ENGINEER];

/** How many past moves an alias view carries (the console's history). */
const HISTORY = 50;

/**
 * The tenant's aliases. A move points an alias at a version (creating the alias on its first move) and
 * appends to its history in the same transaction; requests resolve aliases when they are made, so the
 * next request after a move is served by the new version, without any worker restart.
 */
@Injectable()
export class ModelAliasesService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly serving: ServingVersions,
    private readonly audit: AuditService,
  ) {}

  async move(caller: TenantContext, name: string, versionId: string): Promise<ModelAliasView> {
    if (!MOVERS.includes(caller.role)) throw new AliasMoveForbiddenError();
    checkAliasName(name);
    const moved = await this.uow.run(caller.tenantId, async (m) => {
      const version = await this.serving.load(m, versionId);
      const alias = await m.findOne(ModelAliasEntity, { where: { name }, lock: { mode: 'pessimistic_write' } });
      const from = alias?.versionId ?? null;
      const saved = await m.save(
        Object.assign(alias ?? m.create(ModelAliasEntity, { tenantId: caller.tenantId, name }), {
          versionId: version.id,
          updatedBy: caller.userId,
          updatedByApiKey: caller.apiKeyId,
        }),
      );
      await m.save(
        m.create(ModelAliasEventEntity, {
          tenantId: caller.tenantId,
          aliasId: saved.id,
          aliasName: name,
          fromVersionId: from,
          toVersionId: version.id,
          movedBy: caller.userId,
          movedByApiKey: caller.apiKeyId,
        }),
      );
      return { aliasId: saved.id, from, to: version };
    });
    this.audit.record(
      caller,
      'model_alias.moved',
      { type: 'model_alias', id: moved.aliasId },
      { alias: name, from: moved.from ?? '', to: moved.to.id, label: moved.to.label },
    );
    const [view] = await this.list(caller, [name]);
    return view;
  }

  /** The tenant's aliases by name (the first `limit`), each with its latest moves; only `names` when given. */
  async list(caller: TenantContext, names?: string[], limit?: number): Promise<ModelAliasView[]> {
    return this.uow.run(caller.tenantId, async (m) => {
      const aliases = await m.find(ModelAliasEntity, {
        where: names ? { name: In(names) } : {},
        order: { name: 'ASC' },
        take: limit,
      });
      return Promise.all(
        aliases.map(async (alias) => {
          const events = await m.find(ModelAliasEventEntity, {
            where: { aliasId: alias.id },
            order: { movedAt: 'DESC', id: 'DESC' },
            take: HISTORY,
          });
          return {
            name: alias.name,
            versionId: alias.versionId,
            updatedAt: alias.updatedAt,
            history: events.map((event) => ({
              fromVersionId: event.fromVersionId,
              toVersionId: event.toVersionId,
              movedBy: event.movedBy,
              movedByApiKey: event.movedByApiKey,
              movedAt: event.movedAt,
            })),
          };
        }),
      );
    });
  }
}
