import { Injectable } from '@nestjs/common';
import {
  ApiKeyEntity,
  AuthDirectory,
  isUniqueViolation,
  MembershipRole,
  TenantEntity,
  TenantUnitOfWork,
  UserEntity,
} from '@loris/db';
import { PasswordHasher } from '../../engine/auth/password-hasher';
import { TenantContext } from '../../engine/tenancy/tenant-context';
import { toApiKeyModel } from '../api-keys/models/api-key.model';
import { EmailTakenError, InvalidCredentialsError } from './auth.exception';
import { LoginInput } from './dtos/login.input';
import { SignUpInput } from './dtos/sign-up.input';
import { AuthPayload } from './models/auth-payload.model';
import { MeModel } from './models/me.model';
import { SessionsService } from './sessions.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly directory: AuthDirectory,
    private readonly uow: TenantUnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
  ) {}

  /** Creates the tenant and its first member, an OWNER. */
  async signUp(input: SignUpInput): Promise<AuthPayload> {
    const passwordHash = await this.hasher.hash(input.password);
    let ids;
    try {
      ids = await this.directory.signUp(input.email, passwordHash, input.tenantName);
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) throw new EmailTakenError();
      throw error;
    }
    return this.sessions.open(ids.userId, ids.tenantId, MembershipRole.OWNER);
  }

  async login(input: LoginInput): Promise<AuthPayload> {
    const candidates = await this.directory.loginCandidates(input.email);
    if (!candidates.length) {
      await this.hasher.verifyNothing(input.password);
      throw new InvalidCredentialsError();
    }
    if (!(await this.hasher.verify(candidates[0].passwordHash, input.password)))
      throw new InvalidCredentialsError();
    const chosen = input.tenantId ? candidates.find((c) => c.tenantId === input.tenantId) : candidates[0];
    if (!chosen) throw new InvalidCredentialsError();
    return this.sessions.open(chosen.userId, chosen.tenantId, chosen.role);
  }

  async me(caller: TenantContext): Promise<MeModel> {
    return this.uow.run(caller.tenantId, async (m) => {
      const tenant = await m.findOneByOrFail(TenantEntity, { id: caller.tenantId });
      const user = caller.userId ? await m.findOneBy(UserEntity, { id: caller.userId }) : null;
      const apiKey = caller.apiKeyId ? await m.findOneBy(ApiKeyEntity, { id: caller.apiKeyId }) : null;
      return {
        tenant: { id: tenant.id, name: tenant.name },
        role: caller.role,
        user: user && { id: user.id, email: user.email },
        apiKey: apiKey && toApiKeyModel(apiKey),
      };
    });
  }
}
