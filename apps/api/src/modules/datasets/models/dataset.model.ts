import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DatasetEntity } from '@loris/db';
import { DatasetCategory } from '../../../engine/graphql/register-enums';

@ObjectType('Dataset')
export class DatasetModel {
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

export function toDatasetModel(dataset: DatasetEntity): DatasetModel {
  return {
    id: dataset.id,
    name: dataset.name,
    category: dataset.category,
    description: dataset.description,
    createdAt: dataset.createdAt,
    updatedAt: dataset.updatedAt,
  };
}
