import Link from 'next/link';
import { categoryLabels } from '@/modules/datasets/components/category-labels';
import { reviewHref, type SegmentFilterParams } from '../lib/segment-filter';
import styles from './curation.module.css';

function Choice({
  label,
  name,
  value,
  options,
}: {
  label: string;
  name: string;
  value?: string;
  options: readonly (readonly [string, string])[];
}) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select key={value} name={name} defaultValue={value ?? ''}>
        <option value="">Any</option>
        {options.map(([option, words]) => (
          <option key={option} value={option}>
            {words}
          </option>
        ))}
      </select>
    </label>
  );
}

// The review list's filters as a plain GET form: the address keeps them, so a filtered list can be
// reloaded, shared and paged.
export function SegmentFilters({
  datasetId,
  params,
  genres,
}: {
  datasetId: string;
  params: SegmentFilterParams;
  genres: readonly string[];
}) {
  return (
    <form
      method="get"
      action={`/datasets/${datasetId}/review`}
      className="stack"
      aria-label="Filter segments"
    >
      <div className={styles.filters}>
        <Choice
          label="Status"
          name="status"
          value={params.status}
          options={[
            ['PENDING', 'Pending'],
            ['ACCEPTED', 'Accepted'],
            ['REJECTED', 'Rejected'],
          ]}
        />
        <Choice
          label="Genre"
          name="genre"
          value={params.genre}
          options={genres.map((g) => [g, g] as const)}
        />
        <Choice
          label="Length"
          name="length"
          value={params.length}
          options={[
            ['25', '25 s'],
            ['50', '50 s'],
          ]}
        />
        <Choice
          label="Category"
          name="category"
          value={params.category}
          options={Object.entries(categoryLabels)}
        />
        <Choice label="Flag" name="flag" value={params.flag} options={[['no_person', 'No person']]} />
      </div>
      <p className={styles.actions}>
        <button type="submit" className="button-secondary">
          Filter
        </button>
        <Link href={reviewHref(datasetId, {})}>Clear filters</Link>
      </p>
    </form>
  );
}
