import { Injectable } from '@nestjs/common';
import { DatasetEntity, isUniqueViolation, isUuid, TenantUnitOfWork } from '@loris/db';
import { TenantContext } from '../../engine/tenancy/tenant-context';
import { AuditService } from '../audit/audit.service';
import { decodeCursor, encodeCursor } from './dataset-cursor';
import { DatasetNameTakenError, DatasetNotFoundError, InvalidCursorError } from './datasets.exception';
import { CreateDatasetInput } from './dtos/create-dataset.input';
import { DatasetConnection } from './models/dataset-connection.model';
import { DatasetModel, toDatasetModel } from './models/dataset.model';

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
    const dataset = await this.uow.run(caller.tenantId, (m) => m.findOneBy(DatasetEntity, { id }));
    if (!dataset) throw new DatasetNotFoundError(id);
    return toDatasetModel(dataset);
  }

  /** Keyset pagination on (createdAt, id), newest first: stable while rows are being added. */
  async list(caller: TenantContext, first: number, after?: string): Promise<DatasetConnection> {
    const cursor = after ? decodeCursor(after) : null;
    if (after && !cursor) throw new InvalidCursorError();
    const rows = await this.uow.run(caller.tenantId, (m) => {
      const query = m
        .createQueryBuilder(DatasetEntity, 'd')
        .orderBy('d.created_at', 'DESC')
        .addOrderBy('d.id', 'DESC')
        .limit(first + 1);
      if (cursor) query.where('(d.created_at, d.id) < (:createdAt, :id)', cursor);
      return query.getMany();
    });
    const page = rows.slice(0, first);
    const edges = page.map((d) => ({ cursor: encodeCursor(d), node: toDatasetModel(d) }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }
}
