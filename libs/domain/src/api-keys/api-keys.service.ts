import { Inject, Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { ApiKeyEntity, isUuid, TenantUnitOfWork } from '@loris/db';
import {
  APP_CONFIG,
  AppConfig,
  cursorAfter,
  generateSecret,
  hashSecret,
  Page,
  pageOf,
  TenantContext,
} from '@loris/engine';
import { AuditService } from '../audit/audit.service';
import {
  ApiKeyExpiryInPastError,
  ApiKeyLimitError,
  ApiKeyNotFoundError,
  ApiKeyNotRotatableError,
} from './api-keys.exception';
import {
  ApiKeyView,
  CreateApiKeyRequest,
  CreatedApiKeyView,
  DEFAULT_API_KEY_ROLE,
  toApiKeyView,
} from './api-keys.types';

const SECRET_PREFIX = 'lsk_';
const SHOWN_PREFIX_LENGTH = SECRET_PREFIX.length + 6;

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(caller: TenantContext, input: CreateApiKeyRequest): Promise<CreatedApiKeyView> {
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now())
      throw new ApiKeyExpiryInPastError(input.expiresAt);
    const secret = generateSecret(SECRET_PREFIX);
    const max = this.config.auth.maxApiKeysPerTenant;
    const key = await this.uow.run(caller.tenantId, async (m) => {
      // Two concurrent creates must not both see room for one more: they take turns per tenant.
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('api_keys:' || $1, 0))`, [
        caller.tenantId,
      ]);
      if ((await m.countBy(ApiKeyEntity, { revokedAt: IsNull() })) >= max) throw new ApiKeyLimitError(max);
      return m.save(
        m.create(ApiKeyEntity, {
          tenantId: caller.tenantId,
          name: input.name,
          role: input.role ?? DEFAULT_API_KEY_ROLE,
          keyPrefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
          keyHash: hashSecret(secret),
          createdBy: caller.userId,
          expiresAt: input.expiresAt ?? null,
        }),
      );
    });
    this.audit.record(
      caller,
      'api_key.created',
      { type: 'api_key', id: key.id },
      { name: key.name, role: key.role, expiresAt: key.expiresAt?.toISOString() ?? null },
    );
    return { secret, apiKey: toApiKeyView(key) };
  }

  /**
   * A new secret for the same key (id, name, role and expiry kept). Only the new secret's hash is stored,
   * and keys are looked up by hash on every request, so the old secret is refused from the next request on.
   */
  async rotate(caller: TenantContext, id: string): Promise<CreatedApiKeyView> {
    if (!isUuid(id)) throw new ApiKeyNotFoundError(id);
    const secret = generateSecret(SECRET_PREFIX);
    const key = await this.uow.run(caller.tenantId, async (m) => {
      // Locked: a rotation and a revocation of the same key take turns, so a revoked key never gets a
      // fresh secret.
      const found = await m.findOne(ApiKeyEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!found) throw new ApiKeyNotFoundError(id);
      if (found.revokedAt) throw new ApiKeyNotRotatableError(id, 'revoked');
      if (found.expiresAt && found.expiresAt.getTime() <= Date.now())
        throw new ApiKeyNotRotatableError(id, 'expired');
      const keyPrefix = secret.slice(0, SHOWN_PREFIX_LENGTH);
      await m.update(ApiKeyEntity, { id }, { keyPrefix, keyHash: hashSecret(secret) });
      return { ...found, keyPrefix };
    });
    this.audit.record(
      caller,
      'api_key.rotated',
      { type: 'api_key', id: key.id },
      { name: key.name, prefix: key.keyPrefix },
    );
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
    this.audit.record(caller, 'api_key.revoked', { type: 'api_key', id: key.id }, { name: key.name });
    return toApiKeyView(key);
  }

  /** Newest first, revoked ones included, keyset-paginated on (createdAt, id). */
  async list(caller: TenantContext, first: number, after?: string | null): Promise<Page<ApiKeyView>> {
    const cursor = cursorAfter(after);
    const keys = await this.uow.run(caller.tenantId, (m) => {
      const query = m
        .createQueryBuilder(ApiKeyEntity, 'key')
        .orderBy('key.createdAt', 'DESC')
        .addOrderBy('key.id', 'DESC')
        .limit(first + 1);
      if (cursor) query.where('(key.createdAt, key.id) < (:createdAt, :id)', cursor);
      return query.getMany();
    });
    return pageOf(keys, first, (key) => ({ createdAt: key.createdAt, id: key.id }), toApiKeyView);
  }
}
