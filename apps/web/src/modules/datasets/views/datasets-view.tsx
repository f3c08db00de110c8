import { ListAndForm } from '@/components/list-and-form';
import { PageHeader } from '@/components/page-header';
import { DatasetsDocument } from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { loadQuery } from '@/lib/api/load-query';
import { CreateDatasetForm } from '../components/create-dataset-form';
import { DatasetPagination } from '../components/dataset-pagination';
import { DatasetTable } from '../components/dataset-table';

export const datasetsPageSize = 20;

export async function DatasetsView({
  credentials,
  after,
  canCreate,
}: {
  credentials: Credentials;
  after?: string;
  canCreate: boolean;
}) {
  const { data, error } = await loadQuery(
    DatasetsDocument,
    { first: datasetsPageSize, after: after ?? null },
    credentials,
  );
  const page = data?.datasets;
  return (
    <>
      <PageHeader title="Datasets">Dance and sports videos, grouped for curation and training.</PageHeader>
      <ListAndForm
        error={error}
        list={
          page ? (
            <>
              <DatasetTable datasets={page.edges.map((edge) => edge.node)} />
              <DatasetPagination
                after={after}
                nextCursor={page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null}
              />
            </>
          ) : null
        }
        form={canCreate ? <CreateDatasetForm /> : undefined}
      />
    </>
  );
}
