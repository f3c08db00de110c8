import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { MembershipRole } from '@loris/db';
import { ANY_ROLE, Public, Roles } from '../../server/auth/roles.decorator';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';
import { AuthPayload } from '../auth/models/auth-payload.model';
import { AcceptInvitationInput } from './dtos/accept-invitation.input';
import { InviteMemberInput } from './dtos/invite-member.input';
import { MembersService } from '@loris/domain';
import { InvitationModel } from './models/invitation.model';
import { MemberConnection } from './models/member-connection.model';
import { MemberModel } from './models/member.model';
import { PageArgs } from '../../server/graphql/page.args';
import { TenantContext } from '@loris/engine';

/** Only an OWNER manages members; every member may see who else is in the tenant. */
@Roles(MembershipRole.OWNER)
@Resolver(() => MemberModel)
export class MembersResolver {
  constructor(private readonly service: MembersService) {}

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
}
