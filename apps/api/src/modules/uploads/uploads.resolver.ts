import { Args, Query, Resolver } from '@nestjs/graphql';
import { UploadsListService } from '@loris/domain';
import { TenantContext } from '@loris/engine';
import { ANY_ROLE, Roles } from '../../server/auth/roles.decorator';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';
import { UploadConnection, UploadModel, UploadsArgs } from './models/upload.model';

/** The workspace's uploads, to pick one again (a campaign's clips) instead of sending the file twice. */
@Roles(...ANY_ROLE)
@Resolver(() => UploadModel)
export class UploadsResolver {
  constructor(private readonly service: UploadsListService) {}

  @Query(() => UploadConnection, { description: 'Uploads of the workspace, newest first' })
  uploads(@CurrentTenant() caller: TenantContext, @Args() args: UploadsArgs): Promise<UploadConnection> {
    return this.service.list(caller, args.kinds ?? null, args.first, args.after);
  }
}
