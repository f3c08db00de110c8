import { DataTable } from '@/components/data-table';
import type { ModelAliasesQuery } from '@/graphql/generated';
import { formatDate } from '@/lib/format/format-date';
import { actorName, type Directory } from '../lib/actors';
import { versionName, type VersionName } from '../lib/version-words';

type Alias = ModelAliasesQuery['modelAliases'][number];

// Each alias with the version it serves, then its latest moves, newest first (the API keeps 50; the page
// asks for 8, see models.graphql).
export function AliasTable({
  aliases,
  names,
  directory,
}: {
  aliases: Alias[];
  names: ReadonlyMap<string, VersionName>;
  directory: Directory;
}) {
  const named = (id: string) => versionName(names.get(id), id);
  if (aliases.length === 0) {
    return (
      <p className="muted">
        No aliases yet: a request without a model is served by the built-in default until “production” points at
        a version.
      </p>
    );
  }
  return (
    <div className="stack">
      <DataTable label="Aliases" columns={['Alias', 'Points at', 'Last moved']}>
        {aliases.map((alias) => (
          <tr key={alias.name}>
            <td>
              <code>{alias.name}</code>
            </td>
            <td>{named(alias.versionId)}</td>
            <td className="nowrap">{formatDate(alias.updatedAt)}</td>
          </tr>
        ))}
      </DataTable>
      {aliases.map((alias) => (
        <section key={alias.name} className="stack" aria-label={`History of ${alias.name}`}>
          <h3>
            History of <code>{alias.name}</code>
          </h3>
          <DataTable label={`History of ${alias.name}`} columns={['When', 'From', 'To', 'By']}>
            {alias.history.map((move, index) => (
              <tr key={`${move.movedAt}-${index}`}>
                <td className="nowrap">{formatDate(move.movedAt)}</td>
                <td>{move.fromVersionId ? named(move.fromVersionId) : '— (created)'}</td>
                <td>{named(move.toVersionId)}</td>
                <td>{actorName({ userId: move.movedBy, apiKeyId: move.movedByApiKey }, directory)}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      ))}
    </div>
  );
}
