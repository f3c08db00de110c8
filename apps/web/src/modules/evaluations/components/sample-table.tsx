import Link from 'next/link';

import type { EvaluationSamplesQuery } from '@/graphql/generated';
import { score } from '../lib/evaluation-form';

type Sample = EvaluationSamplesQuery['evaluationSamples']['edges'][number]['node'];

export const SORTS = ['CREATED', 'BCS', 'BHS', 'F1', 'ONSET_F', 'RHYTHM_F', 'GENERATE_SECONDS'] as const;
export type SampleSort = (typeof SORTS)[number];

const headings: Partial<Record<SampleSort, string>> = {
  BCS: 'BCS',
  BHS: 'BHS',
  F1: 'F1',
  ONSET_F: 'Strict F',
  RHYTHM_F: 'Strict F (rhythm)',
  GENERATE_SECONDS: 'Generate s',
};

// Every sample of the compared evaluations, sorted by the column whose heading was clicked (again: the
// other way); "Listen" opens the segment's ground truth and every version's sample side by side.
export function SampleTable({
  samples,
  labels,
  sort,
  descending,
  href,
}: {
  samples: Sample[];
  labels: Map<string, string>;
  sort: SampleSort;
  descending: boolean;
  href: (change: { sort?: SampleSort; descending?: boolean; listen?: string }) => string;
}) {
  const sortLink = (key: SampleSort) => (
    <Link
      href={href({ sort: key, descending: key === sort ? !descending : true })}
      aria-label={`Sort by ${headings[key]}${key === sort ? (descending ? ', now highest first' : ', now lowest first') : ''}`}
    >
      {headings[key]}
      {key === sort ? (descending ? ' ▼' : ' ▲') : ''}
    </Link>
  );
  return (
    <div className="table-scroll" role="region" aria-label="Samples, scrolls sideways" tabIndex={0}>
      <table aria-label="Samples">
        <thead>
          <tr>
            <th scope="col">Model version</th>
            <th scope="col">Segment</th>
            <th scope="col">Seed</th>
            {(['BCS', 'BHS', 'F1', 'ONSET_F', 'RHYTHM_F', 'GENERATE_SECONDS'] as const).map((key) => (
              <th
                scope="col"
                key={key}
                aria-sort={key === sort ? (descending ? 'descending' : 'ascending') : undefined}
              >
                {sortLink(key)}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {samples.map((sample) => (
            <tr key={sample.id} data-sample={sample.id}>
              <td>{labels.get(sample.modelVersionId) ?? sample.modelVersionId}</td>
              <td>
                {sample.genre ?? '–'} · {sample.segmentId.slice(0, 8)}
              </td>
              <td>{sample.seed}</td>
              <td data-column="bcs">{score(sample.bcs, true)}</td>
              <td data-column="bhs">{score(sample.bhs, true)}</td>
              <td data-column="f1">{score(sample.f1, true)}</td>
              <td data-column="onsetF">{score(sample.onsetF, true)}</td>
              <td data-column="rhythmF">{score(sample.rhythmF, true)}</td>
              <td>{sample.generateSeconds.toFixed(2)}</td>
              <td>
                <Link href={href({ listen: sample.segmentId })}>Listen</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
