import { Injectable } from '@nestjs/common';
import { DatasetEntity, isUniqueViolation, isUuid, TenantUnitOfWork } from '@loris/db';
import { cursorAfter, Page, pageOf, TenantContext } from '@loris/engine';
import { AuditService } from '../audit/audit.service';
import {
  CreateDatasetRequest,
  DATASET_COLUMNS,
  datasetFromRow,
  DatasetRow,
  DatasetView,
  toDatasetView,
} from './dataset.view';
import { DatasetNameTakenError, DatasetNotFoundError } from './datasets.exception';

@Injectable()
export class DatasetsService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async create(caller: TenantContext, input: CreateDatasetRequest): Promise<DatasetView> {
    let dataset: DatasetEntity;
    try {
      dataset = await this.uow.run(caller.tenantId, (m) =>
        m.save(
          m.create(DatasetEntity, {
            tenantId: caller.tenantId,
            name: input.name,
            category: input.category,
            description: input.description,
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
