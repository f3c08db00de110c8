import { Args, ID, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { MembershipRole } from '@loris/db';
import { VideosService, VideoUpdates } from '@loris/domain';
import { TenantContext } from '@loris/engine';
import { ANY_ROLE, Roles } from '../../server/auth/roles.decorator';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';
import { AddVideosArgs, DatasetPageArgs } from './dtos/curation.inputs';
import { AddedVideoModel, VideoConnection, VideoModel } from './models/video.model';

/** Every member reads videos and follows their ingest; owners and curators add and cancel them. */
@Roles(...ANY_ROLE)
@Resolver(() => VideoModel)
export class VideosResolver {
  constructor(
    private readonly service: VideosService,
    private readonly updates: VideoUpdates,
  ) {}

  @Roles(MembershipRole.OWNER, MembershipRole.CURATOR)
  @Mutation(() => [AddedVideoModel], {
    description:
      'Adds uploaded videos to a dataset and queues each for ingest; per upload, its video or its error (NOT_A_VIDEO, UPLOAD_NOT_FOUND)',
  })
  addVideosToDataset(@CurrentTenant() caller: TenantContext, @Args() args: AddVideosArgs) {
    return this.service.add(caller, args.datasetId, args.uploadIds);
  }

  @Roles(MembershipRole.OWNER, MembershipRole.CURATOR)
  @Mutation(() => VideoModel, { description: 'Stops a queued or ingesting video; segments already cut stay' })
  cancelVideoIngest(@CurrentTenant() caller: TenantContext, @Args('id', { type: () => ID }) id: string) {
    return this.service.cancel(caller, id);
  }

  @Query(() => VideoModel, { description: 'NOT_FOUND when no video of your tenant has this id' })
  video(@CurrentTenant() caller: TenantContext, @Args('id', { type: () => ID }) id: string) {
    return this.service.get(caller, id);
  }

  @Query(() => VideoConnection)
  videos(@CurrentTenant() caller: TenantContext, @Args() args: DatasetPageArgs) {
    return this.service.list(caller, args.datasetId, args.first, args.after);
  }

  @Subscription(() => VideoModel, {
    description:
      'The video now, then every change of its ingest (progress while poses are estimated) until it ends',
    resolve: (video: VideoModel) => video,
  })
  videoUpdated(@CurrentTenant() caller: TenantContext, @Args('id', { type: () => ID }) id: string) {
    return this.updates.follow(caller.tenantId, id);
  }
}
