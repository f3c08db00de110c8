import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { MembershipRole } from '@loris/db';
import { ANY_ROLE, Public, Roles } from '../../server/auth/roles.decorator';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';
import { AuthPayload } from '../auth/models/auth-payload.model';
import { AcceptInvitationInput } from './dtos/accept-invitation.input';
import { ChangeMemberRoleInput } from './dtos/change-member-role.input';
import { InviteMemberInput } from './dtos/invite-member.input';
import { MemberAdminService, MembersService } from '@loris/domain';
import { InvitationModel } from './models/invitation.model';
import { MemberConnection } from './models/member-connection.model';
import { MemberModel } from './models/member.model';
import { OwnershipTransferModel } from './models/ownership-transfer.model';
import { PendingInvitationConnection } from './models/pending-invitation-connection.model';
import { PendingInvitationModel } from './models/pending-invitation.model';
import { PageArgs } from '../../server/graphql/page.args';
import { TenantContext } from '@loris/engine';

/** Only an OWNER manages members; every member may see who else is in the tenant, and leave it. */
@Roles(MembershipRole.OWNER)
@Resolver(() => MemberModel)
export class MembersResolver {
  constructor(
    private readonly service: MembersService,
    private readonly admin: MemberAdminService,
  ) {}

  @Mutation(() => InvitationModel)
  inviteMember(@CurrentTenant() caller: TenantContext, @Args('input') input: InviteMemberInput) {
    return this.service.invite(caller, input);
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'Joins the inviting tenant and logs in' })
  acceptInvitation(@Args('input') input: AcceptInvitationInput): Promise<AuthPayload> {
    return this.service.accept(input);
  }

  @Roles(...ANY_ROLE)
  @Query(() => MemberConnection)
  members(@CurrentTenant() caller: TenantContext, @Args() page: PageArgs): Promise<MemberConnection> {
    return this.service.list(caller, page.first, page.after);
  }

  @Mutation(() => MemberModel, {
    description: 'Refused with reason LAST_OWNER when it would leave the tenant without an OWNER',
  })
  changeMemberRole(
    @CurrentTenant() caller: TenantContext,
    @Args('input') input: ChangeMemberRoleInput,
  ): Promise<MemberModel> {
    return this.admin.changeRole(caller, input.memberId, input.role);
  }

  @Mutation(() => MemberModel, {
    description:
      "The removed member, as they were; their sessions stop on their next request. Refused with reason LAST_OWNER for the tenant's last OWNER",
  })
  removeMember(
    @CurrentTenant() caller: TenantContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<MemberModel> {
    return this.admin.remove(caller, id);
  }

  @Mutation(() => OwnershipTransferModel, {
    description: 'Makes another member an OWNER and the calling owner an ENGINEER, in one step',
  })
  transferOwnership(
    @CurrentTenant() caller: TenantContext,
    @Args('memberId', { type: () => ID }) memberId: string,
  ): Promise<OwnershipTransferModel> {
    return this.admin.transferOwnership(caller, memberId);
  }

  @Roles(...ANY_ROLE)
  @Mutation(() => MemberModel, {
    description:
      "The caller leaves this tenant (their sessions for it stop); refused with reason LAST_OWNER for the tenant's last OWNER",
  })
  leaveTenant(@CurrentTenant() caller: TenantContext): Promise<MemberModel> {
    return this.admin.leave(caller);
  }

  @Query(() => PendingInvitationConnection, {
    description: 'Invitations not accepted, revoked or expired yet, newest first',
  })
  invitations(
    @CurrentTenant() caller: TenantContext,
    @Args() page: PageArgs,
  ): Promise<PendingInvitationConnection> {
    return this.service.listPendingInvitations(caller, page.first, page.after);
  }

  @Mutation(() => PendingInvitationModel, { description: 'Its link stops working at once' })
  revokeInvitation(
    @CurrentTenant() caller: TenantContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<PendingInvitationModel> {
    return this.service.revokeInvitation(caller, id);
  }
}
