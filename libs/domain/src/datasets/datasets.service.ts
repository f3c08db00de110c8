import { Injectable } from '@nestjs/common';
import { DatasetCategory, DatasetEntity, isUniqueViolation, isUuid, TenantUnitOfWork } from '@loris/db';
import { cursorAfter, Page, pageOf, TenantContext } from '@loris/engine';
import { AuditService } from '../audit/audit.service';
import { SEGMENT_LENGTHS } from '../curation/jobs/segment-plan';
import { ServingModelService } from '../serving-model/serving-model.service';
import {
  CreateDatasetRequest,
  DATASET_COLUMNS,
  datasetFromRow,
  DatasetRow,
  DatasetView,
  toDatasetView,
} from './dataset.view';
import {
  DatasetNameTakenError,
  DatasetNotFoundError,
  InvalidDatasetSettingsError,
} from './datasets.exception';

@Injectable()
export class DatasetsService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly audit: AuditService,
    private readonly model: ServingModelService,
  ) {}

  async create(caller: TenantContext, input: CreateDatasetRequest): Promise<DatasetView> {
    const segmentLengths = checkSegmentLengths(input.segmentLengths ?? defaultSegmentLengths(input.category));
    const poseFps = checkPoseFps(input.poseFps ?? (await this.model.contract()).pose.fps);
    let dataset: DatasetEntity;
    try {
      dataset = await this.uow.run(caller.tenantId, (m) =>
        m.save(
          m.create(DatasetEntity, {
            tenantId: caller.tenantId,
            name: input.name,
            category: input.category,
            description: input.description,
            segmentLengths,
            poseFps,
            createdBy: caller.userId,
            createdByApiKey: caller.apiKeyId,
          }),
        ),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'datasets_tenant_id_name_key'))
        throw new DatasetNameTakenError(input.name);
      throw error;
    }
    this.audit.record(
      caller,
      'dataset.created',
      { type: 'dataset', id: dataset.id },
      {
        name: dataset.name,
        category: dataset.category,
      },
    );
    return toDatasetView(dataset);
  }

  async get(caller: TenantContext, id: string): Promise<DatasetView> {
    if (!isUuid(id)) throw new DatasetNotFoundError(id);
    // No tenant filter needed: row-level security hides other tenants' rows, so they are "not found" too.
    const [row] = await this.uow.read(caller.tenantId, (query) =>
      query<DatasetRow>(`SELECT ${DATASET_COLUMNS} FROM datasets WHERE id = $1`, [id]),
    );
    if (!row) throw new DatasetNotFoundError(id);
    return datasetFromRow(row);
  }

  /** Keyset pagination on (createdAt, id), newest first: stable while rows are being added. Raw SQL: hot path. */
  async list(caller: TenantContext, first: number, after?: string | null): Promise<Page<DatasetView>> {
    const cursor = cursorAfter(after);
    const rows: DatasetRow[] = await this.uow.read(caller.tenantId, (query) =>
      cursor
        ? query<DatasetRow>(
            `SELECT ${DATASET_COLUMNS} FROM datasets WHERE (created_at, id) < ($2, $3)
             ORDER BY created_at DESC, id DESC LIMIT $1`,
            [first + 1, cursor.createdAt, cursor.id],
          )
        : query<DatasetRow>(
            `SELECT ${DATASET_COLUMNS} FROM datasets ORDER BY created_at DESC, id DESC LIMIT $1`,
            [first + 1],
          ),
    );
    return pageOf(rows, first, (row) => ({ createdAt: row.created_at, id: row.id }), datasetFromRow);
  }
}

/** The paper's lengths (section 4.1): dance was cut into 25 s segments, sports into 25 s and 50 s ones. */
function defaultSegmentLengths(category: DatasetCategory): number[] {
  return category === DatasetCategory.DANCE ? [25] : [25, 50];
}

function checkSegmentLengths(lengths: number[]): number[] {
  const unique = [...new Set(lengths)].sort((a, b) => a - b);
  if (!unique.length || unique.some((l) => !(SEGMENT_LENGTHS as readonly number[]).includes(l))) {
    throw new InvalidDatasetSettingsError(
      `segmentLengths must be 25, 50 or both (got ${lengths.join(', ') || 'none'})`,
    );
  }
  return unique;
}

/** Up to 60 frames per second: the paper's configs use 16, the shipped model 30. */
function checkPoseFps(fps: number): number {
  if (!Number.isFinite(fps) || fps <= 0 || fps > 60) {
    throw new InvalidDatasetSettingsError(`poseFps must be above 0 and at most 60 (got ${fps})`);
  }
  return fps;
}
