import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { ApiKeyEntity, isUuid, TenantUnitOfWork } from '@loris/db';
import { generateSecret, hashSecret } from '../../engine/auth/secret-token';
import { TenantContext } from '../../engine/tenancy/tenant-context';
import { AuditService } from '../audit/audit.service';
import { ApiKeyNotFoundError } from './api-keys.exception';
import { CreateApiKeyInput } from './dtos/create-api-key.input';
import { ApiKeyModel, toApiKeyModel } from './models/api-key.model';
import { CreatedApiKeyModel } from './models/created-api-key.model';

const SECRET_PREFIX = 'lsk_';
const SHOWN_PREFIX_LENGTH = SECRET_PREFIX.length + 6;

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async create(caller: TenantContext, input: CreateApiKeyInput): Promise<CreatedApiKeyModel> {
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
    return { secret, apiKey: toApiKeyModel(key) };
  }

  /** Takes effect on the key's next request: keys are checked against the database every time. */
  async revoke(caller: TenantContext, id: string): Promise<ApiKeyModel> {
    if (!isUuid(id)) throw new ApiKeyNotFoundError(id);
    const key = await this.uow.run(caller.tenantId, async (m) => {
      await m.update(ApiKeyEntity, { id, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
      return m.findOneBy(ApiKeyEntity, { id });
    });
    if (!key) throw new ApiKeyNotFoundError(id);
    this.audit.record(caller, 'api_key.revoked', key.id, { name: key.name });
    return toApiKeyModel(key);
  }

  async list(caller: TenantContext): Promise<ApiKeyModel[]> {
    const keys = await this.uow.run(caller.tenantId, (m) =>
      m.find(ApiKeyEntity, { order: { createdAt: 'DESC', id: 'DESC' } }),
    );
    return keys.map(toApiKeyModel);
  }
}
