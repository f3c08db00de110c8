import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { MembershipRole } from '@loris/db';
import { DatasetVersionsService, DatasetVersionView, SegmentsService } from '@loris/domain';
import { Page, TenantContext } from '@loris/engine';
import { PageArgs } from '../../server/graphql/page.args';
import { ANY_ROLE, Roles } from '../../server/auth/roles.decorator';
import { CurrentTenant } from '../../server/tenancy/current-tenant.decorator';
import { DatasetPageArgs, FreezeDatasetVersionInput } from './dtos/curation.inputs';
import { CountModel, DatasetVersionConnection, DatasetVersionModel } from './models/dataset-version.model';
import { VersionSegmentConnection } from './models/version-segment.model';

/** Every member reads versions; owners and curators freeze them. */
@Roles(...ANY_ROLE)
@Resolver(() => DatasetVersionModel)
export class DatasetVersionsResolver {
  constructor(
    private readonly versions: DatasetVersionsService,
    private readonly segments: SegmentsService,
  ) {}

  @Roles(MembershipRole.OWNER, MembershipRole.CURATOR)
  @Mutation(() => DatasetVersionModel, {
    description:
      'Freezes the dataset’s accepted segments into its next version with a seeded split; immutable after',
  })
  async freezeDatasetVersion(
    @CurrentTenant() caller: TenantContext,
    @Args('datasetId', { type: () => ID }) datasetId: string,
    @Args('input') input: FreezeDatasetVersionInput,
  ): Promise<DatasetVersionModel> {
    return toModel(await this.versions.freeze(caller, datasetId, input));
  }

  @Query(() => DatasetVersionModel, { description: 'NOT_FOUND when no version of your tenant has this id' })
  async datasetVersion(
    @CurrentTenant() caller: TenantContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<DatasetVersionModel> {
    return toModel(await this.versions.get(caller, id));
  }

  @Query(() => DatasetVersionConnection)
  async datasetVersions(
    @CurrentTenant() caller: TenantContext,
    @Args() args: DatasetPageArgs,
  ): Promise<DatasetVersionConnection> {
    const page: Page<DatasetVersionView> = await this.versions.list(
      caller,
      args.datasetId,
      args.first,
      args.after,
    );
    return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: toModel(edge.node) })) };
  }

  @ResolveField('segments', () => VersionSegmentConnection, {
    description: 'Its segments with their splits, in the order they were cut: what an export downloads',
  })
  versionSegments(
    @CurrentTenant() caller: TenantContext,
    @Parent() version: DatasetVersionModel,
    @Args() args: PageArgs,
  ): Promise<VersionSegmentConnection> {
    return this.segments.inVersion(caller, version.id, args.first, args.after);
  }
}

const counts = (record: Record<string, number>): CountModel[] =>
  Object.entries(record)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, count]) => ({ key, count }));

function toModel(view: DatasetVersionView): DatasetVersionModel {
  const { stats } = view;
  return {
    ...view,
    stats: {
      segments: stats.segments,
      totalSeconds: stats.totalSeconds,
      totalHours: stats.totalHours,
      sourceVideos: stats.sourceVideos,
      byCategory: counts(stats.byCategory),
      byLength: counts(stats.byLength),
      byGenre: counts(stats.byGenre),
      bySplit: counts(stats.bySplit),
    },
  };
}
