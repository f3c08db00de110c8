import Link from 'next/link';
import { FormError } from '@/components/form-error';
import { PageHeader } from '@/components/page-header';
import { EvaluationDocument, type Role } from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { loadQuery } from '@/lib/api/load-query';
import { CancelEvaluationButton } from '../components/cancel-evaluation-button';
import { LiveEvaluation } from '../components/live-evaluation';

const RUNNERS: Role[] = ['OWNER', 'ENGINEER'];

// One evaluation: its settings and versions, its progress live while it runs, and the way to its comparison.
export async function EvaluationView({
  credentials,
  role,
  id,
}: {
  credentials: Credentials;
  role?: Role;
  id: string;
}) {
  const loaded = await loadQuery(EvaluationDocument, { id }, credentials);
  const header = <PageHeader title="Evaluation" />;
  if (!loaded.data) {
    return (
      <>
        {header}
        <FormError message={loaded.error} />
      </>
    );
  }
  const run = loaded.data.evaluation;
  const running = run.status === 'QUEUED' || run.status === 'RUNNING';
  return (
    <>
      {header}
      <div className="columns">
        <section className="card grow stack" aria-label="Evaluation">
          <LiveEvaluation initial={run} />
          {running && role && RUNNERS.includes(role) ? <CancelEvaluationButton id={run.id} /> : null}
          <p>
            <Link href={`/evaluations/compare?ids=${run.id}`}>Compare its versions</Link>
          </p>
        </section>
        <section className="card side stack" aria-label="Settings">
          <dl>
            <dt>Data</dt>
            <dd>
              {run.datasetName} v{run.datasetVersionNumber}, {run.split} split
            </dd>
            <dt>Sampler</dt>
            <dd>
              {run.sampler}, {run.steps} steps, guidance {run.guidance}, seeds {run.seeds.join(', ')}
            </dd>
            <dt>Versions</dt>
            <dd>{run.models.map((m) => m.label).join('; ')}</dd>
            <dt>Scorer</dt>
            <dd>{run.scorerVersion}</dd>
          </dl>
        </section>
      </div>
    </>
  );
}
