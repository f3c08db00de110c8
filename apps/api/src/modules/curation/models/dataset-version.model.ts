import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { DatasetVersionView } from '@loris/domain';
import { PageInfo } from '../../../server/graphql/page-info.model';
import { DatasetSplitBy } from './curation-enums';

@ObjectType('SplitRatios')
export class SplitRatiosModel {
  @Field(() => Float)
  train!: number;

  @Field(() => Float)
  valid!: number;

  @Field(() => Float)
  test!: number;
}

@ObjectType('Count', { description: 'How many segments have this key' })
export class CountModel {
  @Field()
  key!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('DatasetVersionStats', { description: 'The paper’s Table-1 figures for a version' })
export class DatasetVersionStatsModel {
  @Field(() => Int)
  segments!: number;

  @Field(() => Float)
  totalSeconds!: number;

  @Field(() => Float)
  totalHours!: number;

  @Field(() => Int)
  sourceVideos!: number;

  @Field(() => [CountModel], { description: 'Keys: DANCE, FLOOR_EXERCISE, FIGURE_SKATING' })
  byCategory!: CountModel[];

  @Field(() => [CountModel], { description: 'Keys: the length in seconds, "25" or "50"' })
  byLength!: CountModel[];

  @Field(() => [CountModel], { description: 'Keys: the genre; "" for segments without one' })
  byGenre!: CountModel[];

  @Field(() => [CountModel], { description: 'Keys: TRAIN, VALID, TEST' })
  bySplit!: CountModel[];
}

@ObjectType('DatasetVersion', {
  description: 'A numbered, frozen (immutable) selection of a dataset’s accepted segments, each in a split',
})
export class DatasetVersionModel implements Omit<DatasetVersionView, 'stats'> {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  datasetId!: string;

  @Field(() => Int, { description: '1, 2, ... per dataset' })
  number!: number;

  @Field(() => Float, { description: 'The seed of the split: the same accepted set and seed give the same split' })
  splitSeed!: number;

  @Field(() => DatasetSplitBy)
  splitBy!: DatasetSplitBy;

  @Field(() => SplitRatiosModel)
  ratios!: SplitRatiosModel;

  @Field(() => DatasetVersionStatsModel)
  stats!: DatasetVersionStatsModel;

  @Field(() => Date, { nullable: true })
  frozenAt!: Date | null;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class DatasetVersionEdge {
  @Field()
  cursor!: string;

  @Field(() => DatasetVersionModel)
  node!: DatasetVersionModel;
}

@ObjectType({ description: 'A page of a dataset’s versions, newest first' })
export class DatasetVersionConnection {
  @Field(() => [DatasetVersionEdge])
  edges!: DatasetVersionEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
