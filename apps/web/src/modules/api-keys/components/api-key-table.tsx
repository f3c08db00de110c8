import { DataTable } from '@/components/data-table';
import { roleLabels } from '@/components/role-select';
import type { ApiKeysQuery } from '@/graphql/generated';
import { formatDate } from '@/lib/format/format-date';
import { RevokeApiKeyButton } from './revoke-api-key-button';

type ApiKey = ApiKeysQuery['apiKeys']['edges'][number]['node'];

export function ApiKeyTable({ apiKeys }: { apiKeys: ApiKey[] }) {
  if (apiKeys.length === 0) return <p className="muted">No API keys yet.</p>;
  return (
    <DataTable label="API keys" columns={['Name', 'Key', 'Role', 'Created', 'Last used', '']}>
      {apiKeys.map((key) => (
        <tr key={key.id}>
          <td>{key.name}</td>
          <td>
            <code>{key.prefix}…</code>
          </td>
          <td>{roleLabels[key.role]}</td>
          <td className="nowrap">{formatDate(key.createdAt)}</td>
          <td className="nowrap">{key.lastUsedAt ? formatDate(key.lastUsedAt) : 'Never'}</td>
          <td>
            {key.revokedAt ? (
              <span className="muted nowrap">Revoked {formatDate(key.revokedAt)}</span>
            ) : (
              <RevokeApiKeyButton id={key.id} name={key.name} />
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
