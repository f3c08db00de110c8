import { FormError } from '@/components/form-error';
import { PageHeader } from '@/components/page-header';
import {
  EvaluationComparisonDocument,
  EvaluationSamplesDocument,
  ModelAliasesDocument,
  type Role,
} from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { loadQuery } from '@/lib/api/load-query';
import { MoveAliasForm } from '@/modules/models/components/move-alias-form';
import { aliasSuggestions } from '@/modules/models/lib/models-page';
import { ComparisonTable } from '../components/comparison-table';
import { SampleListening, type ListenTrack } from '../components/sample-listening';
import { SampleTable, SORTS, type SampleSort } from '../components/sample-table';

const MOVERS: Role[] = ['OWNER', 'ENGINEER'];

export interface CompareParams {
  ids: string[];
  sort?: string;
  descending?: string;
  listen?: string;
}

// Evaluations side by side: the paper-style table with each column's best marked and a CSV download; every
// sample below, sortable; one segment heard as the ground truth and as each version made it; and, for
// owners and engineers, the control that points an alias (production, ...) at one of the compared versions.
export async function CompareView({
  credentials,
  role,
  params,
}: {
  credentials: Credentials;
  role?: Role;
  params: CompareParams;
}) {
  const header = <PageHeader title="Compare evaluations" />;
  if (params.ids.length === 0) {
    return (
      <>
        {header}
        <p className="muted">Tick evaluations on the Evaluations page to compare them.</p>
      </>
    );
  }
  const sort: SampleSort = SORTS.includes(params.sort as SampleSort) ? (params.sort as SampleSort) : 'F1';
  const descending = params.descending !== 'false';
  const [comparison, samples, aliases, listened] = await Promise.all([
    loadQuery(EvaluationComparisonDocument, { ids: params.ids }, credentials),
    loadQuery(
      EvaluationSamplesDocument,
      { ids: params.ids, sort, descending, after: null, segmentId: null },
      credentials,
    ),
    role && MOVERS.includes(role) ? loadQuery(ModelAliasesDocument, {}, credentials) : undefined,
    params.listen
      ? loadQuery(
          EvaluationSamplesDocument,
          { ids: params.ids, sort: 'CREATED', descending: false, after: null, segmentId: params.listen },
          credentials,
        )
      : undefined,
  ]);
  if (!comparison.data) {
    return (
      <>
        {header}
        <FormError message={comparison.error} />
      </>
    );
  }
  const table = comparison.data.evaluationComparison;
  const labels = new Map(table.rows.map((row) => [row.modelVersionId, row.label]));
  const href = (change: { sort?: SampleSort; descending?: boolean; listen?: string }) => {
    const query = new URLSearchParams({ ids: params.ids.join(',') });
    query.set('sort', change.sort ?? sort);
    query.set('descending', String(change.descending ?? descending));
    const listen = change.listen ?? params.listen;
    if (listen) query.set('listen', listen);
    return `/evaluations/compare?${query.toString()}`;
  };
  const heard = listened?.data?.evaluationSamples.edges.map((edge) => edge.node) ?? [];
  const tracks: ListenTrack[] = heard.length
    ? [
        {
          label: 'Ground truth',
          audioId: heard[0].groundTruthArtifactId,
          onsets: heard[0].groundTruthOnsetsArtifactId
            ? { artifactId: heard[0].groundTruthOnsetsArtifactId }
            : null,
          videoUrl: heard[0].hasVideo ? `/evaluations/samples/${heard[0].id}/video?audio=ground-truth` : null,
        },
        ...heard.map((sample) => ({
          label: `${labels.get(sample.modelVersionId) ?? sample.modelVersionId}, seed ${sample.seed}`,
          audioId: sample.audioArtifactId,
          onsets: sample.onsetTimes,
          videoUrl: sample.hasVideo ? `/evaluations/samples/${sample.id}/video` : null,
        })),
      ]
    : [];
  const versions = [...labels].map(([id, name]) => ({ id, name }));
  return (
    <>
      {header}
      <div className="stack">
        <section className="card stack" aria-label="Comparison table">
          <h2>Scores (x100)</h2>
          {table.warnings.map((warning) => (
            <p key={warning} className="notice" role="note">
              {warning}
            </p>
          ))}
          <ComparisonTable comparison={table} />
          <p className="field-hint">★ best of its column; ↑ higher is better, ↓ lower is better.</p>
          <p>
            <a href={`/evaluations/compare/csv?ids=${params.ids.join(',')}`} download>
              Download CSV
            </a>
          </p>
        </section>
        {aliases?.data ? (
          <section className="card" aria-label="Promote">
            <MoveAliasForm
              modelName="the compared versions"
              versions={versions}
              versionHint="Any version in the table above; the Models page has the others."
              suggestions={aliasSuggestions(aliases.data.modelAliases.map((alias) => alias.name))}
            />
          </section>
        ) : null}
        {tracks.length ? (
          <section className="card stack" aria-label="Listening">
            <h2>Listening: segment {params.listen?.slice(0, 8)}</h2>
            <SampleListening tracks={tracks} seconds={25} />
          </section>
        ) : null}
        <section className="card stack" aria-label="Samples">
          <h2>Samples</h2>
          <FormError message={samples.error} />
          <SampleTable
            samples={samples.data?.evaluationSamples.edges.map((edge) => edge.node) ?? []}
            labels={labels}
            sort={sort}
            descending={descending}
            href={href}
          />
        </section>
      </div>
    </>
  );
}
