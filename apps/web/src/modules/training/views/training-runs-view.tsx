import { CursorPagination } from '@/components/cursor-pagination';
import { FormError } from '@/components/form-error';
import { PageHeader } from '@/components/page-header';
import { TrainingRunsDocument } from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { loadQuery } from '@/lib/api/load-query';
import { NewRunForm } from '../components/new-run-form';
import { RunTable } from '../components/run-table';
import { mayTrain } from '../lib/may-train';

export async function TrainingRunsView({
  credentials,
  role,
  after,
  datasetVersionId,
}: {
  credentials: Credentials;
  role: string | undefined;
  after?: string;
  datasetVersionId?: string;
}) {
  const { data, error } = await loadQuery(TrainingRunsDocument, { after }, credentials);
  return (
    <>
      <PageHeader title="Training">Runs of the trainer on frozen dataset versions, newest first.</PageHeader>
      <FormError message={error} />
      {mayTrain(role) ? (
        <NewRunForm datasetVersionId={datasetVersionId} />
      ) : (
        <p className="muted">Owners and engineers start training runs.</p>
      )}
      <section className="card stack">
        <h2>Runs</h2>
        {data ? <RunTable runs={data.trainingRuns.edges.map((e) => e.node)} /> : null}
        <CursorPagination
          label="Training runs pages"
          after={after}
          nextCursor={data?.trainingRuns.pageInfo.hasNextPage ? data.trainingRuns.pageInfo.endCursor : null}
          href={(cursor) => (cursor ? `/training?after=${encodeURIComponent(cursor)}` : '/training')}
        />
      </section>
    </>
  );
}
