import { ListAndForm } from '@/components/list-and-form';
import { PageHeader } from '@/components/page-header';
import { ApiKeysDocument } from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { loadQuery } from '@/lib/api/load-query';
import { ApiKeyTable } from '../components/api-key-table';
import { CreateApiKeyForm } from '../components/create-api-key-form';

export async function ApiKeysView({ credentials }: { credentials: Credentials }) {
  const { data, error } = await loadQuery(ApiKeysDocument, {}, credentials);
  return (
    <>
      <PageHeader title="API keys">
        Keys let your applications call the LORIS API. A key acts with the role you give it.
      </PageHeader>
      <ListAndForm
        error={error}
        list={
          data ? (
            <>
              <ApiKeyTable apiKeys={data.apiKeys.edges.map((edge) => edge.node)} />
              {data.apiKeys.pageInfo.hasNextPage ? <p className="muted">The newest 100 keys.</p> : null}
            </>
          ) : null
        }
        form={<CreateApiKeyForm />}
      />
    </>
  );
}
