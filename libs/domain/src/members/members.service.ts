import { Inject, Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { AuthDirectory, InvitationEntity, isUuid, MembershipEntity, TenantUnitOfWork } from '@loris/db';
import {
  APP_CONFIG,
  AppConfig,
  cursorAfter,
  generateSecret,
  hashSecret,
  Page,
  pageOf,
  PasswordHasher,
  TenantContext,
} from '@loris/engine';
import { AuditService } from '../audit/audit.service';
import { SessionView } from '../auth/auth.types';
import { SessionsService } from '../auth/sessions.service';
import {
  AlreadyMemberError,
  ExistingAccountPasswordError,
  InvitationAlreadyAcceptedError,
  InvitationInvalidError,
  InvitationNotFoundError,
} from './members.exception';
import {
  AcceptInvitationRequest,
  InvitationView,
  InviteMemberRequest,
  MemberView,
  PendingInvitationView,
} from './members.types';

@Injectable()
export class MembersService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly directory: AuthDirectory,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async invite(caller: TenantContext, input: InviteMemberRequest): Promise<InvitationView> {
    const token = generateSecret('inv_');
    const expiresAt = new Date(Date.now() + this.config.auth.invitationTtlSeconds * 1000);
    const invitation = await this.uow.run(caller.tenantId, async (m) => {
      const existing = await m
        .createQueryBuilder(MembershipEntity, 'membership')
        .innerJoin('membership.user', 'user')
        .where('user.email = :email', { email: input.email })
        .getExists();
      if (existing) throw new AlreadyMemberError(input.email);
      return m.save(
        m.create(InvitationEntity, {
          tenantId: caller.tenantId,
          email: input.email,
          role: input.role,
          tokenHash: hashSecret(token),
          invitedBy: caller.userId,
          expiresAt,
        }),
      );
    });
    this.audit.record(
      caller,
      'member.invited',
      { type: 'invitation', id: invitation.id },
      { email: input.email, role: input.role },
    );
    return { token, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt };
  }

  /** Joins the inviting tenant: creates the account, or checks the password of the existing one. */
  async accept(input: AcceptInvitationRequest): Promise<SessionView> {
    const tokenHash = hashSecret(input.token);
    const invitation = await this.directory.findInvitation(tokenHash);
    if (!invitation || invitation.acceptedAt || invitation.expiresAt.getTime() <= Date.now()) {
      throw new InvitationInvalidError();
    }
    let passwordHash: string;
    if (invitation.existingPasswordHash) {
      if (!(await this.hasher.verify(invitation.existingPasswordHash, input.password))) {
        throw new ExistingAccountPasswordError();
      }
      passwordHash = invitation.existingPasswordHash;
    } else {
      passwordHash = await this.hasher.hash(input.password);
    }
    const membership = await this.directory.acceptInvitation(tokenHash, passwordHash);
    if (!membership) throw new InvitationInvalidError();
    this.audit.record(
      { tenantId: membership.tenantId, role: membership.role, userId: membership.userId, apiKeyId: null },
      'member.joined',
      { type: 'user', id: membership.userId },
      { role: membership.role },
    );
    return this.sessions.open(membership.userId, membership.tenantId, membership.role);
  }

  /** Oldest first (the founding owner leads), keyset-paginated on (joinedAt, id). */
  async list(caller: TenantContext, first: number, after?: string | null): Promise<Page<MemberView>> {
    const cursor = cursorAfter(after);
    const memberships = await this.uow.run(caller.tenantId, (m) => {
      const query = m
        .createQueryBuilder(MembershipEntity, 'membership')
        .leftJoinAndSelect('membership.user', 'user')
        .orderBy('membership.createdAt', 'ASC')
        .addOrderBy('membership.id', 'ASC')
        .limit(first + 1);
      if (cursor) query.where('(membership.createdAt, membership.id) > (:createdAt, :id)', cursor);
      return query.getMany();
    });
    return pageOf(
      memberships,
      first,
      (membership) => ({ createdAt: membership.createdAt, id: membership.id }),
      (membership) => ({
        id: membership.id,
        role: membership.role,
        joinedAt: membership.createdAt,
        user: { id: membership.userId, email: membership.user?.email ?? '' },
      }),
    );
  }

  /** Invitations that can still be accepted, newest first, keyset-paginated on (createdAt, id). */
  async listPendingInvitations(
    caller: TenantContext,
    first: number,
    after?: string | null,
  ): Promise<Page<PendingInvitationView>> {
    const cursor = cursorAfter(after);
    const invitations = await this.uow.run(caller.tenantId, (m) => {
      const query = m
        .createQueryBuilder(InvitationEntity, 'invitation')
        .where('invitation.acceptedAt IS NULL')
        .andWhere('invitation.revokedAt IS NULL')
        .andWhere('invitation.expiresAt > now()')
        .orderBy('invitation.createdAt', 'DESC')
        .addOrderBy('invitation.id', 'DESC')
        .limit(first + 1);
      if (cursor) query.andWhere('(invitation.createdAt, invitation.id) < (:createdAt, :id)', cursor);
      return query.getMany();
    });
    return pageOf(
      invitations,
      first,
      (invitation) => ({ createdAt: invitation.createdAt, id: invitation.id }),
      toPendingInvitationView,
    );
  }

  /**
   * Withdraws an invitation that was not accepted yet: its link stops working at once (the accepting
   * function skips revoked invitations, and locks the row, so a revoke and an accept take turns).
   * Revoking a revoked invitation changes nothing and answers it again.
   */
  async revokeInvitation(caller: TenantContext, id: string): Promise<PendingInvitationView> {
    if (!isUuid(id)) throw new InvitationNotFoundError(id);
    const { invitation, revoked } = await this.uow.run(caller.tenantId, async (m) => {
      const result = await m.update(
        InvitationEntity,
        { id, acceptedAt: IsNull(), revokedAt: IsNull() },
        { revokedAt: () => 'now()' },
      );
      return { invitation: await m.findOneBy(InvitationEntity, { id }), revoked: result.affected === 1 };
    });
    if (!invitation) throw new InvitationNotFoundError(id);
    if (!revoked && invitation.acceptedAt) throw new InvitationAlreadyAcceptedError(invitation.email);
    if (revoked) {
      this.audit.record(
        caller,
        'invitation.revoked',
        { type: 'invitation', id: invitation.id },
        { email: invitation.email, role: invitation.role },
      );
    }
    return toPendingInvitationView(invitation);
  }
}

function toPendingInvitationView(invitation: InvitationEntity): PendingInvitationView {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    invitedAt: invitation.createdAt,
    expiresAt: invitation.expiresAt,
    revokedAt: invitation.revokedAt,
  };
}
