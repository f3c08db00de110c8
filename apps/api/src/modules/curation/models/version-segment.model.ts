import { Field, ObjectType } from '@nestjs/graphql';
import { VersionMemberView } from '@loris/domain';
import { PageInfo } from '../../../server/graphql/page-info.model';
import { DatasetSplit } from './curation-enums';
import { SegmentModel } from './segment.model';

@ObjectType('VersionSegment', { description: 'A segment of a frozen version and the split it was dealt' })
export class VersionSegmentModel implements VersionMemberView {
  @Field(() => DatasetSplit)
  split!: DatasetSplit;

  @Field(() => SegmentModel)
  segment!: SegmentModel;
}

@ObjectType()
export class VersionSegmentEdge {
  @Field()
  cursor!: string;

  @Field(() => VersionSegmentModel)
  node!: VersionSegmentModel;
}

@ObjectType({ description: 'A page of a version’s segments, in the order they were cut' })
export class VersionSegmentConnection {
  @Field(() => [VersionSegmentEdge])
  edges!: VersionSegmentEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
