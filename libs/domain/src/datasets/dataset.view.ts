import { DatasetCategory, DatasetEntity } from '@loris/db';

export interface CreateDatasetRequest {
  name: string;
  category: DatasetCategory;
  description: string;
  /** 25, 50 or both; by default the paper's: 25 s for dance, both for sports. */
  segmentLengths?: number[] | null;
  /** Pose rate of the ingest; by default the serving model's contract rate. */
  poseFps?: number | null;
}

export interface DatasetView {
  id: string;
  name: string;
  category: DatasetCategory;
  description: string;
  segmentLengths: number[];
  poseFps: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The columns every dataset read selects, for raw SQL on hot paths. */
export const DATASET_COLUMNS =
  'id, name, category, description, segment_lengths, pose_fps, created_at, updated_at';

export interface DatasetRow {
  id: string;
  name: string;
  category: DatasetCategory;
  description: string;
  segment_lengths: number[];
  pose_fps: number;
  created_at: Date;
  updated_at: Date;
}

export function datasetFromRow(row: DatasetRow): DatasetView {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    description: row.description,
    segmentLengths: row.segment_lengths,
    poseFps: row.pose_fps,
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
    segmentLengths: dataset.segmentLengths,
    poseFps: dataset.poseFps,
    createdAt: dataset.createdAt,
    updatedAt: dataset.updatedAt,
  };
}
