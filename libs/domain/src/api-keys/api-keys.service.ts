import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { ApiKeyEntity, isUuid, TenantUnitOfWork } from '@loris/db';
import { generateSecret, hashSecret, TenantContext } from '@loris/engine';
import { AuditService } from '../audit/audit.service';
import { ApiKeyNotFoundError } from './api-keys.exception';
import { ApiKeyView, CreateApiKeyRequest, CreatedApiKeyView, toApiKeyView } from './api-keys.types';

const SECRET_PREFIX = 'lsk_';
const SHOWN_PREFIX_LENGTH = SECRET_PREFIX.length + 6;

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async create(caller: TenantContext, input: CreateApiKeyRequest): Promise<CreatedApiKeyView> {
    const secret = generateSecret(SECRET_PREFIX);
    const key = await this.uow.run(caller.tenantId, (m) =>
      m.save(
        m.create(ApiKeyEntity, {
          tenantId: caller.tenantId,
          name: input.name,
          role: input.role,
          keyPrefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
          keyHash: hashSecret(secret),
          createdBy: caller.userId,
        }),
      ),
    );
    this.audit.record(caller, 'api_key.created', key.id, { name: key.name, role: key.role });
    return { secret, apiKey: toApiKeyView(key) };
  }

  /** Takes effect on the key's next request: keys are checked against the database every time. */
  async revoke(caller: TenantContext, id: string): Promise<ApiKeyView> {
    if (!isUuid(id)) throw new ApiKeyNotFoundError(id);
    const key = await this.uow.run(caller.tenantId, async (m) => {
      await m.update(ApiKeyEntity, { id, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
      return m.findOneBy(ApiKeyEntity, { id });
    });
    if (!key) throw new ApiKeyNotFoundError(id);
    this.audit.record(caller, 'api_key.revoked', key.id, { name: key.name });
    return toApiKeyView(key);
  }

  async list(caller: TenantContext): Promise<ApiKeyView[]> {
    const keys = await this.uow.run(caller.tenantId, (m) =>
      m.find(ApiKeyEntity, { order: { createdAt: 'DESC', id: 'DESC' } }),
    );
    return keys.map(toApiKeyView);
  }
}
