import { DataTable } from '@/components/data-table';
import { roleLabels } from '@/components/role-select';
import type { ApiKeysQuery } from '@/graphql/generated';
import { formatDate } from '@/lib/format/format-date';
import { describeKeyExpiry } from '../lib/key-expiry';
import styles from './api-key-table.module.css';
import { RevokeApiKeyButton } from './revoke-api-key-button';
import { RotateApiKeyButton } from './rotate-api-key-button';

type ApiKey = ApiKeysQuery['apiKeys']['edges'][number]['node'];

function Expiry({ expiresAt }: { expiresAt: string | null }) {
  const state = describeKeyExpiry(expiresAt);
  if (state === 'never' || !expiresAt) return <>Never</>;
  if (state === 'expired') return <span className="muted">Expired {formatDate(expiresAt)}</span>;
  return <>{formatDate(expiresAt)}</>;
}

export function ApiKeyTable({ apiKeys }: { apiKeys: ApiKey[] }) {
  if (apiKeys.length === 0) return <p className="muted">No API keys yet.</p>;
  return (
    <DataTable label="API keys" columns={['Name', 'Key', 'Role', 'Created', 'Last used', 'Expires', '']}>
      {apiKeys.map((key) => (
        <tr key={key.id}>
          <td>{key.name}</td>
          <td>
            <code>{key.prefix}…</code>
          </td>
          <td>{roleLabels[key.role]}</td>
          <td className="nowrap">{formatDate(key.createdAt)}</td>
          <td className="nowrap">{key.lastUsedAt ? formatDate(key.lastUsedAt) : 'Never'}</td>
          <td className="nowrap">
            <Expiry expiresAt={key.expiresAt ?? null} />
          </td>
          <td>
            {key.revokedAt ? (
              <span className="muted nowrap">Revoked {formatDate(key.revokedAt)}</span>
            ) : (
              <div className={styles.actions}>
                {describeKeyExpiry(key.expiresAt ?? null) === 'expired' ? null : (
                  <RotateApiKeyButton id={key.id} name={key.name} />
                )}
                <RevokeApiKeyButton id={key.id} name={key.name} />
              </div>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
