import { DatasetCategory, DatasetEntity } from '@loris/db';

export interface CreateDatasetRequest {
  name: string;
  category: DatasetCategory;
  description: string;
}

export interface DatasetView {
  id: string;
  name: string;
  category: DatasetCategory;
  description: string;
  createdAt: Date;
  updatedAt: Date;
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

export function datasetFromRow(row: DatasetRow): DatasetView {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toDatasetView(dataset: DatasetEntity): DatasetView {
  return {
    id: dataset.id,
    name: dataset.name,
    category: dataset.category,
    description: dataset.description,
    createdAt: dataset.createdAt,
    updatedAt: dataset.updatedAt,
  };
}
