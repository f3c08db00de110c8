import { Injectable } from '@nestjs/common';
import { DatasetEntity, isUniqueViolation, isUuid, TenantUnitOfWork } from '@loris/db';
import { TenantContext } from '../../engine/tenancy/tenant-context';
import { AuditService } from '../audit/audit.service';
import { decodeCursor, encodeCursor } from './dataset-cursor';
import { DatasetNameTakenError, DatasetNotFoundError, InvalidCursorError } from './datasets.exception';
import { CreateDatasetInput } from './dtos/create-dataset.input';
import { DatasetConnection } from './models/dataset-connection.model';
import {
  DATASET_COLUMNS,
  datasetFromRow,
  DatasetModel,
  DatasetRow,
  toDatasetModel,
} from './models/dataset.model';

@Injectable()
export class DatasetsService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async create(caller: TenantContext, input: CreateDatasetInput): Promise<DatasetModel> {
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
    this.audit.record(caller, 'dataset.created', dataset.id, {
      name: dataset.name,
      category: dataset.category,
    });
    return toDatasetModel(dataset);
  }

  async get(caller: TenantContext, id: string): Promise<DatasetModel> {
    if (!isUuid(id)) throw new DatasetNotFoundError(id);
    // No tenant filter needed: row-level security hides other tenants' rows, so they are "not found" too.
    const [row] = await this.uow.read(caller.tenantId, (query) =>
      query<DatasetRow>(`SELECT ${DATASET_COLUMNS} FROM datasets WHERE id = $1`, [id]),
    );
    if (!row) throw new DatasetNotFoundError(id);
    return datasetFromRow(row);
  }

  /** Keyset pagination on (createdAt, id), newest first: stable while rows are being added. Raw SQL: hot path. */
  async list(caller: TenantContext, first: number, after?: string): Promise<DatasetConnection> {
    const cursor = after ? decodeCursor(after) : null;
    if (after && !cursor) throw new InvalidCursorError();
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
    const edges = rows.slice(0, first).map((row) => ({
      cursor: encodeCursor({ createdAt: row.created_at, id: row.id }),
      node: datasetFromRow(row),
    }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }
}
