import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { isUuid, MembershipEntity, MembershipRole, SessionEntity, TenantUnitOfWork } from '@loris/db';
import { TenantContext } from '@loris/engine';
import { AuditService } from '../audit/audit.service';
import { MemberRoster } from './member-roster';
import {
  LastOwnerError,
  MemberNotFoundError,
  MemberSessionRequiredError,
  NoLongerOwnerError,
  OwnershipTargetError,
} from './members.exception';
import { MemberView, OwnershipTransferView } from './members.types';

/** The role an owner steps down to when they hand the workspace over: they keep working in it. */
export const FORMER_OWNER_ROLE = MembershipRole.ENGINEER;

/**
 * Changes to who is in a tenant and with which role. Every change runs in one unit of work that first
 * locks the tenant's memberships (MemberRoster), so "the tenant keeps at least one OWNER" holds however
 * many of these race. A removed member's sessions stop on their next request: the request authenticator
 * reads the membership every time, and the sessions are ended too, so an invitation back does not revive them.
 */
@Injectable()
export class MemberAdminService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async changeRole(caller: TenantContext, memberId: string, role: MembershipRole): Promise<MemberView> {
    if (!isUuid(memberId)) throw new MemberNotFoundError(memberId);
    const { member, from } = await this.uow.run(caller.tenantId, async (m) => {
      const roster = await MemberRoster.lock(m);
      roster.assertStillOwner(caller);
      const current = roster.member(memberId);
      if (current.role === role) return { member: current, from: role };
      if (current.role === MembershipRole.OWNER && roster.ownerCount() === 1) {
        throw new LastOwnerError('demote', current.user.email);
      }
      await m.update(MembershipEntity, { id: memberId }, { role });
      return { member: { ...current, role }, from: current.role };
    });
    if (from !== role) {
      this.audit.record(
        caller,
        'member.role_changed',
        { type: 'member', id: member.id },
        { email: member.user.email, from, to: role },
      );
    }
    return member;
  }

  /** The removed member, as they were. */
  async remove(caller: TenantContext, memberId: string): Promise<MemberView> {
    if (!isUuid(memberId)) throw new MemberNotFoundError(memberId);
    const member = await this.uow.run(caller.tenantId, async (m) => {
      const roster = await MemberRoster.lock(m);
      roster.assertStillOwner(caller);
      const current = roster.member(memberId);
      if (current.role === MembershipRole.OWNER && roster.ownerCount() === 1) {
        throw new LastOwnerError('remove', current.user.email);
      }
      await m.delete(MembershipEntity, { id: memberId });
      await endSessions(m, caller.tenantId, current.user.id);
      return current;
    });
    this.audit.record(
      caller,
      'member.removed',
      { type: 'member', id: member.id },
      { email: member.user.email, role: member.role },
    );
    return member;
  }

  /** The calling owner makes `memberId` an OWNER and becomes FORMER_OWNER_ROLE, both or neither. */
  async transferOwnership(caller: TenantContext, memberId: string): Promise<OwnershipTransferView> {
    const userId = caller.userId;
    if (!userId) throw new MemberSessionRequiredError('transfer the ownership of a workspace');
    if (!isUuid(memberId)) throw new MemberNotFoundError(memberId);
    const transfer = await this.uow.run(caller.tenantId, async (m) => {
      const roster = await MemberRoster.lock(m);
      const self = roster.memberOf(userId);
      if (self?.role !== MembershipRole.OWNER) throw new NoLongerOwnerError();
      const target = roster.member(memberId);
      if (target.id === self.id || target.role === MembershipRole.OWNER) {
        throw new OwnershipTargetError(target.user.email, target.id === self.id);
      }
      // The new owner first: the tenant never has fewer owners than before, even between the statements.
      await m.update(MembershipEntity, { id: target.id }, { role: MembershipRole.OWNER });
      await m.update(MembershipEntity, { id: self.id }, { role: FORMER_OWNER_ROLE });
      return {
        previousOwner: { ...self, role: FORMER_OWNER_ROLE },
        newOwner: { ...target, role: MembershipRole.OWNER },
        newOwnerRoleBefore: target.role,
      };
    });
    this.audit.record(
      caller,
      'tenant.ownership_transferred',
      { type: 'tenant', id: caller.tenantId },
      {
        from: transfer.previousOwner.user.email,
        to: transfer.newOwner.user.email,
        toRoleBefore: transfer.newOwnerRoleBefore,
        fromRoleAfter: FORMER_OWNER_ROLE,
      },
    );
    return { previousOwner: transfer.previousOwner, newOwner: transfer.newOwner };
  }

  /** The caller leaves the tenant; their sessions for it stop on their next request. */
  async leave(caller: TenantContext): Promise<MemberView> {
    const userId = caller.userId;
    if (!userId) throw new MemberSessionRequiredError('leave a workspace');
    const member = await this.uow.run(caller.tenantId, async (m) => {
      const roster = await MemberRoster.lock(m);
      const self = roster.memberOf(userId);
      // Removed by an owner a moment ago: there is nothing left to leave.
      if (!self) throw new MemberNotFoundError(userId);
      if (self.role === MembershipRole.OWNER && roster.ownerCount() === 1) {
        throw new LastOwnerError('leave', self.user.email);
      }
      await m.delete(MembershipEntity, { id: self.id });
      await endSessions(m, caller.tenantId, userId);
      return self;
    });
    this.audit.record(
      caller,
      'member.left',
      { type: 'member', id: member.id },
      { email: member.user.email, role: member.role },
    );
    return member;
  }
}

/**
 * Ends a departing member's sessions in this tenant. The missing membership already refuses them, but a
 * member invited back would otherwise find their old tokens working again.
 */
async function endSessions(m: EntityManager, tenantId: string, userId: string): Promise<void> {
  await m.update(SessionEntity, { tenantId, userId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
}
