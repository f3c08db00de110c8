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

/** The columns every dataset read selects, for raw SQL on hot paths. */
export const DATASET_COLUMNS = 'id, name, category, description, created_at, updated_at';

export interface DatasetRow {
  id: string;
  name: string;
  category: DatasetCategory;
  description: string;
  created_at: Date;
  updated_at: Date;
}

export function datasetFromRow(row: DatasetRow): DatasetModel {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
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
