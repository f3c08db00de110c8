import { Args, ID, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { MembershipRole } from '@loris/db';
import { SegmentImportsService, VideosService, VideoUpdates } from '@loris/domain';
import { TenantContext } from '@loris/engine';
import { ANY_ROLE, Roles } from '../../server/auth/roles.decorator';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';
import { AddVideosArgs, DatasetPageArgs, ImportSegmentsArgs } from './dtos/curation.inputs';
import { AddedVideoModel, ImportedSegmentModel, VideoConnection, VideoModel } from './models/video.model';

/** Every member reads videos and follows their ingest; owners and curators add and cancel them. */
@Roles(...ANY_ROLE)
@Resolver(() => VideoModel)
export class VideosResolver {
  constructor(
    private readonly service: VideosService,
    private readonly updates: VideoUpdates,
    private readonly imports: SegmentImportsService,
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
  @Mutation(() => [ImportedSegmentModel], {
    description:
      'Imports precomputed segments (a LORIS release’s items, a manifest’s lines: uploaded WAV, poses and I3D) ' +
      'into a dataset, each a video without a source video and an ingest-segment job; per item, its video or ' +
      'its error (UPLOAD_NOT_FOUND, WRONG_UPLOAD_KIND, LENGTH_NOT_IN_DATASET, LENGTH_MISMATCH); the same ' +
      'files imported again answer the first import',
  })
  importSegments(@CurrentTenant() caller: TenantContext, @Args() args: ImportSegmentsArgs) {
    return this.imports.import(caller, args.datasetId, args.items);
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
