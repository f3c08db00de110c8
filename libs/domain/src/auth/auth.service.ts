import { Injectable } from '@nestjs/common';
import { AuthDirectory, isUniqueViolation, MembershipRole, TenantUnitOfWork } from '@loris/db';
import { PasswordHasher, TenantContext } from '@loris/engine';
import { AuditService } from '../audit/audit.service';
import { EmailTakenError, InvalidCredentialsError } from './auth.exception';
import { CallerView, LoginRequest, SessionView, SignUpRequest } from './auth.types';
import { SessionsService } from './sessions.service';
import { SessionClient } from './sessions.types';

interface MeRow {
  id: string;
  name: string;
  user_id: string | null;
  email: string;
  key_id: string | null;
  key_name: string;
  key_role: MembershipRole;
  key_prefix: string;
  key_created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly directory: AuthDirectory,
    private readonly uow: TenantUnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  /** Creates the tenant and its first member, an OWNER. */
  async signUp(input: SignUpRequest, client: SessionClient = {}): Promise<SessionView> {
    const passwordHash = await this.hasher.hash(input.password);
    let ids;
    try {
      ids = await this.directory.signUp(input.email, passwordHash, input.tenantName);
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) throw new EmailTakenError();
      throw error;
    }
    const owner = { tenantId: ids.tenantId, role: MembershipRole.OWNER, userId: ids.userId, apiKeyId: null };
    this.audit.record(
      owner,
      'tenant.created',
      { type: 'tenant', id: ids.tenantId },
      { name: input.tenantName },
    );
    return this.sessions.open(ids.userId, ids.tenantId, MembershipRole.OWNER, client);
  }

  async login(input: LoginRequest, client: SessionClient = {}): Promise<SessionView> {
    const candidates = await this.directory.loginCandidates(input.email);
    if (!candidates.length) {
      await this.hasher.verifyNothing(input.password);
      throw new InvalidCredentialsError();
    }
    if (!(await this.hasher.verify(candidates[0].passwordHash, input.password)))
      throw new InvalidCredentialsError();
    const chosen = input.tenantId ? candidates.find((c) => c.tenantId === input.tenantId) : candidates[0];
    if (!chosen) throw new InvalidCredentialsError();
    return this.sessions.open(chosen.userId, chosen.tenantId, chosen.role, client);
  }

  /** One statement for the whole answer: `me` is the hottest query of API clients. */
  async me(caller: TenantContext): Promise<CallerView> {
    const [row] = await this.uow.read(caller.tenantId, (query) =>
      query<MeRow>(
        `SELECT t.id, t.name, u.id AS user_id, u.email, k.id AS key_id, k.name AS key_name, k.role AS key_role,
                k.key_prefix, k.created_at AS key_created_at, k.last_used_at, k.expires_at, k.revoked_at
         FROM tenants t
         LEFT JOIN users u ON u.id = $2::uuid
         LEFT JOIN api_keys k ON k.id = $3::uuid
         WHERE t.id = $1::uuid`,
        [caller.tenantId, caller.userId, caller.apiKeyId],
      ),
    );
    if (!row) throw new Error(`tenant ${caller.tenantId} of an authenticated caller is not visible`);
    return {
      tenant: { id: row.id, name: row.name },
      role: caller.role,
      user: row.user_id ? { id: row.user_id, email: row.email } : null,
      apiKey: row.key_id
        ? {
            id: row.key_id,
            name: row.key_name,
            role: row.key_role,
            prefix: row.key_prefix,
            createdAt: row.key_created_at,
            lastUsedAt: row.last_used_at,
            expiresAt: row.expires_at,
            revokedAt: row.revoked_at,
          }
        : null,
    };
  }
}
