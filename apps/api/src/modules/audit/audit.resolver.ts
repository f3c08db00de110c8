import { Args, Query, Resolver } from '@nestjs/graphql';
import { MembershipRole } from '@loris/db';
import { AuditLogService } from '@loris/domain';
import { TenantContext } from '@loris/engine';
import { Roles } from '../../server/auth/roles.decorator';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';
import { AuditEventsArgs } from './dtos/audit-events.args';
import { AuditEventConnection } from './models/audit-event-connection.model';
import { AuditEventModel } from './models/audit-event.model';

/** The audit log tells who did what to whom: only an OWNER reads it. */
@Roles(MembershipRole.OWNER)
@Resolver(() => AuditEventModel)
export class AuditResolver {
  constructor(private readonly service: AuditLogService) {}

  @Query(() => AuditEventConnection, { description: "The tenant's audit events, newest first" })
  auditEvents(@CurrentTenant() caller: TenantContext, @Args() args: AuditEventsArgs) {
    return this.service.list(caller, args.filter ?? {}, args.first, args.after);
  }
}
