import { Field, ID, ObjectType } from '@nestjs/graphql';
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

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}
