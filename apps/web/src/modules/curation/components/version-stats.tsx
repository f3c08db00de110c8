import Link from 'next/link';
import type { VersionSummaryFragment } from '@/graphql/generated';
import { formatDate } from '@/lib/format/format-date';
import { categoryLabels } from '@/modules/datasets/components/category-labels';
import styles from './curation.module.css';
import { VersionDownload } from './version-download';

type Count = { key: string; count: number };

const splitLabels: Record<string, string> = { TRAIN: 'Train', VALID: 'Validation', TEST: 'Test' };
const splitByLabels: Record<string, string> = {
  VIDEO: 'source video',
  SEGMENT: 'segment',
  SOURCE: "the import's own lists",
};

function CountList({
  title,
  counts,
  label,
}: {
  title: string;
  counts: Count[];
  label: (key: string) => string;
}) {
  return (
    <div>
      <h4>{title}</h4>
      {counts.length === 0 ? (
        <p className="muted">None</p>
      ) : (
        <dl className="details" aria-label={title}>
          {counts.map(({ key, count }) => (
            <div key={key}>
              <dt>{label(key)}</dt>
              <dd>{count}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

// A frozen version with the paper's Table-1 figures: total hours, source videos, and the segments counted per
// split, category, length and genre; and its export to download.
export function VersionStats({ version }: { version: VersionSummaryFragment }) {
  const { stats, ratios } = version;
  return (
    <article className="stack" aria-label={`Version ${version.number}`} data-version={version.number}>
      <h3>Version {version.number}</h3>
      <p className="muted">
        Frozen {formatDate(version.frozenAt ?? version.createdAt)} · split by{' '}
        {splitByLabels[version.splitBy] ?? version.splitBy}, seed {version.splitSeed}, {percent(ratios.train)}{' '}
        / {percent(ratios.valid)} / {percent(ratios.test)}
      </p>
      <dl className={styles.settings} aria-label={`Version ${version.number} totals`}>
        <div>
          <dt>Segments</dt>
          <dd>{stats.segments}</dd>
        </div>
        <div>
          <dt>Source videos</dt>
          <dd>{stats.sourceVideos}</dd>
        </div>
        <div>
          <dt>Total hours</dt>
          <dd>{stats.totalHours.toFixed(3)}</dd>
        </div>
        <div>
          <dt>Total seconds</dt>
          <dd>{Math.round(stats.totalSeconds)}</dd>
        </div>
      </dl>
      <div className={styles.counts}>
        <CountList title="By split" counts={stats.bySplit} label={(key) => splitLabels[key] ?? key} />
        <CountList
          title="By category"
          counts={stats.byCategory}
          label={(key) => categoryLabels[key as keyof typeof categoryLabels] ?? key}
        />
        <CountList title="By length" counts={stats.byLength} label={(key) => `${key} s`} />
        <CountList title="By genre" counts={stats.byGenre} label={(key) => key || 'No genre'} />
      </div>
      <VersionDownload versionId={version.id} number={version.number} />
      <p>
        <Link href={`/training?datasetVersion=${version.id}`}>Train a model on version {version.number}</Link>
      </p>
    </article>
  );
}
