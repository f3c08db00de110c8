import { Injectable } from '@nestjs/common';
import { TenantUnitOfWork, UserEntity } from '@loris/db';
import { PasswordHasher, TenantContext } from '@loris/engine';
import { AuditService } from '../audit/audit.service';
import {
  PasswordChangedMeanwhileError,
  SamePasswordError,
  WrongCurrentPasswordError,
} from './sessions.exception';
import { sessionCaller } from './sessions.service';
import { PasswordChangedView } from './sessions.types';

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** A member changes their password: every other session of theirs ends, the current one goes on. */
@Injectable()
export class PasswordService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async change(caller: TenantContext, input: ChangePasswordRequest): Promise<PasswordChangedView> {
    const { userId, sessionId } = sessionCaller(caller);
    const user = await this.uow.run(caller.tenantId, (m) =>
      m.findOneOrFail(UserEntity, { where: { id: userId }, select: { id: true, passwordHash: true } }),
    );
    // argon2 runs outside the transaction: it takes tens of milliseconds and needs no connection.
    if (!(await this.hasher.verify(user.passwordHash, input.currentPassword)))
      throw new WrongCurrentPasswordError();
    if (input.newPassword === input.currentPassword) throw new SamePasswordError();
    const newHash = await this.hasher.hash(input.newPassword);

    const sessionsRevoked = await this.uow.run(caller.tenantId, async (m) => {
      // Only over the hash just checked: of two concurrent changes, the second finds it gone.
      const changed = await m.query(
        `UPDATE users SET password_hash = $1, updated_at = now() WHERE id = $2 AND password_hash = $3`,
        [newHash, userId, user.passwordHash],
      );
      if (!changed[1]) throw new PasswordChangedMeanwhileError();
      // The user's sessions in every tenant, not only this one (the password is the user's): the one
      // cross-tenant write, through its SECURITY DEFINER function, in the same transaction as the change.
      const [row] = await m.query(`SELECT auth_revoke_other_sessions($1, $2) AS n`, [userId, sessionId]);
      return Number(row.n);
    });
    this.audit.record(caller, 'user.password_changed', { type: 'user', id: userId }, { sessionsRevoked });
    return { sessionsRevoked };
  }
}
