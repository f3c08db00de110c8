import Link from 'next/link';
import { CursorPagination } from '@/components/cursor-pagination';
import { DataTable } from '@/components/data-table';
import { FormError } from '@/components/form-error';
import { PageHeader } from '@/components/page-header';
import {
  EvaluationChoicesDocument,
  EvaluationModelVersionsDocument,
  EvaluationsDocument,
  type Role,
} from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { loadQuery } from '@/lib/api/load-query';
import { formatDate } from '@/lib/format/format-date';
import { NewEvaluationForm, type Choice } from '../components/new-evaluation-form';

export const evaluationsPageSize = 20;
const RUNNERS: Role[] = ['OWNER', 'ENGINEER'];

// The workspace's evaluations, newest first, ticked for comparison; and, for owners and engineers, the form
// that starts one.
export async function EvaluationsView({
  credentials,
  role,
  after,
}: {
  credentials: Credentials;
  role: Role | undefined;
  after?: string;
}) {
  const canRun = role !== undefined && RUNNERS.includes(role);
  const [list, choices] = await Promise.all([
    loadQuery(EvaluationsDocument, { first: evaluationsPageSize, after: after ?? null }, credentials),
    canRun ? loadQuery(EvaluationChoicesDocument, {}, credentials) : undefined,
  ]);
  const versions: Choice[] = [];
  for (const model of choices?.data?.models.edges.map((edge) => edge.node) ?? []) {
    const page = await loadQuery(EvaluationModelVersionsDocument, { modelId: model.id }, credentials);
    for (const version of page.data?.modelVersions.edges.map((edge) => edge.node) ?? []) {
      versions.push({ id: version.id, label: `${version.modelName} v${version.number} (${version.label})` });
    }
  }
  const runs = list.data?.evaluations.edges.map((edge) => edge.node) ?? [];
  return (
    <>
      <PageHeader title="Evaluations">
        Model versions generated and scored on a frozen dataset version’s split; tick some and compare them.
      </PageHeader>
      <div className="columns">
        <section className="card grow stack" aria-label="Evaluations list">
          <FormError message={list.error} />
          <form action="/evaluations/compare" method="get" className="stack">
            <DataTable label="Evaluations" columns={['', 'Status', 'Data', 'Models', 'Samples', 'Started']}>
              {runs.map((run) => (
                <tr key={run.id} data-evaluation={run.id}>
                  <td>
                    <input
                      type="checkbox"
                      name="ids"
                      value={run.id}
                      aria-label={`Compare evaluation ${run.id}`}
                    />
                  </td>
                  <td>
                    <Link href={`/evaluations/${run.id}`}>{run.status}</Link>
                  </td>
                  <td>
                    {run.datasetName} v{run.datasetVersionNumber} · {run.split}
                  </td>
                  <td>{run.models.map((m) => m.label).join('; ')}</td>
                  <td>
                    {run.doneSamples}/{run.totalSamples}
                  </td>
                  <td>{formatDate(run.createdAt)}</td>
                </tr>
              ))}
            </DataTable>
            {runs.length ? (
              <button type="submit">Compare ticked</button>
            ) : (
              <p className="muted">No evaluation yet.</p>
            )}
          </form>
          <CursorPagination
            label="Evaluations pages"
            after={after}
            nextCursor={
              list.data?.evaluations.pageInfo.hasNextPage ? list.data.evaluations.pageInfo.endCursor : null
            }
            href={(cursor) => (cursor ? `/evaluations?after=${encodeURIComponent(cursor)}` : '/evaluations')}
          />
        </section>
        <section className="card side">
          {canRun ? (
            <>
              <FormError message={choices?.error} />
              <NewEvaluationForm
                versions={versions}
                datasetVersions={choices?.data?.evaluationDatasetVersions ?? []}
              />
            </>
          ) : (
            <p className="muted">Owners and engineers start evaluations; you can read and compare them.</p>
          )}
        </section>
      </div>
    </>
  );
}
