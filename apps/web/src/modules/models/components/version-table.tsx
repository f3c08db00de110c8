import Link from 'next/link';
import { DataTable } from '@/components/data-table';
import type { ModelVersionFieldsFragment } from '@/graphql/generated';
import type { Directory } from '../lib/actors';
import { contractSummary, provenanceLine, type TrainedFrom } from '../lib/version-words';

// A model's versions, newest first: which it is, where it came from, what its contract promises, and which
// aliases serve it now.
export function VersionTable({
  versions,
  directory,
  trainedFrom,
  aliasesOf,
}: {
  versions: ModelVersionFieldsFragment[];
  directory: Directory;
  trainedFrom: ReadonlyMap<string, TrainedFrom>;
  aliasesOf: (versionId: string) => string[];
}) {
  if (versions.length === 0) return <p className="muted">No versions on this page.</p>;
  return (
    <DataTable label="Versions" columns={['Version', 'Card', 'Source', 'Contract', 'Aliases']}>
      {versions.map((version) => {
        const dataset = version.provenance.datasetVersionId
          ? trainedFrom.get(version.provenance.datasetVersionId)
          : undefined;
        const aliases = aliasesOf(version.id);
        return (
          <tr key={version.id}>
            <td>#{version.number}</td>
            <td>
              <code>{version.label}</code>
            </td>
            <td>
              {provenanceLine(version, directory, dataset)}
              {dataset ? (
                <>
                  {' '}
                  <Link href={`/datasets/${dataset.datasetId}`}>Dataset →</Link>
                </>
              ) : null}
            </td>
            <td className="nowrap">{contractSummary(version.contract)}</td>
            <td className="nowrap">{aliases.length > 0 ? <code>{aliases.join(', ')}</code> : '—'}</td>
          </tr>
        );
      })}
    </DataTable>
  );
}
