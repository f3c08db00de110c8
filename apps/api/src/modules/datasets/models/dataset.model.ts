import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { DatasetView } from '@loris/domain';
import { DatasetCategory } from '../../../server/graphql/register-enums';

@ObjectType('Dataset')
export class DatasetModel implements DatasetView {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => DatasetCategory)
  category!: DatasetCategory;

  @Field()
  description!: string;

  @Field(() => [Int], { description: 'The segment lengths its ingest cuts, in seconds: 25, 50 or both' })
  segmentLengths!: number[];

  @Field(() => Float, { description: 'Frames per second at which its ingest estimates poses' })
  poseFps!: number;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}
