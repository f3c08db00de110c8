import Link from 'next/link';
import { FormError } from '@/components/form-error';
import { PageHeader } from '@/components/page-header';
import { DatasetPageDocument, DatasetVersionsPageDocument } from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { loadQuery } from '@/lib/api/load-query';
import { categoryLabels } from '@/modules/datasets/components/category-labels';
import styles from '../components/curation.module.css';
import { FreezeForm } from '../components/freeze-form';
import { LiveVideoTable } from '../components/live-video-table';
import { VersionStats } from '../components/version-stats';
import { VideoUpload } from '../components/video-upload';

// The newest videos and versions shown: the page sizes written in the page's queries (curation.graphql).
export const datasetVideosShown = 100;
export const datasetVersionsShown = 5;

// A dataset: its settings, its videos with their ingest live, the upload area, and its frozen versions with
// their statistics. Curators and owners also get the upload area and the freeze form.
export async function DatasetView({
  id,
  credentials,
  canCurate,
}: {
  id: string;
  credentials: Credentials;
  canCurate: boolean;
}) {
  const [{ data, error }, versionsPage] = await Promise.all([
    loadQuery(DatasetPageDocument, { id }, credentials),
    loadQuery(DatasetVersionsPageDocument, { id }, credentials),
  ]);
  if (!data) {
    return (
      <>
        <PageHeader title="Dataset" />
        <FormError message={error} />
      </>
    );
  }
  const { dataset } = data;
  const videos = data.videos.edges.map((edge) => edge.node);
  const versions = versionsPage.data?.datasetVersions.edges.map((edge) => edge.node) ?? [];
  return (
    <>
      <PageHeader title={dataset.name}>{dataset.description || categoryLabels[dataset.category]}</PageHeader>
      <div className="stack">
        <section className="card stack" aria-label="Settings">
          <dl className={styles.settings}>
            <div>
              <dt>Category</dt>
              <dd>{categoryLabels[dataset.category]}</dd>
            </div>
            <div>
              <dt>Segment lengths</dt>
              <dd>{dataset.segmentLengths.map((length) => `${length} s`).join(', ')}</dd>
            </div>
            <div>
              <dt>Pose rate</dt>
              <dd>{dataset.poseFps} fps</dd>
            </div>
          </dl>
          <p className={styles.actions}>
            <Link href={`/datasets/${dataset.id}/review`}>Review segments →</Link>
          </p>
        </section>
        <div className="columns">
          <section className="card grow stack" aria-label="Videos">
            <h2>Videos</h2>
            <LiveVideoTable datasetId={dataset.id} initial={videos} />
            {data.videos.pageInfo.hasNextPage ? (
              <p className="muted">The newest {datasetVideosShown} videos are shown.</p>
            ) : null}
          </section>
          {canCurate ? (
            <section className="card side">
              <VideoUpload datasetId={dataset.id} />
            </section>
          ) : null}
        </div>
        <div className="columns">
          <section className="card grow stack" aria-label="Versions">
            <h2>Versions</h2>
            <FormError message={versionsPage.error} />
            {versions.length === datasetVersionsShown ? (
              <p className="muted">The newest {datasetVersionsShown} versions are shown.</p>
            ) : null}
            {versions.length === 0 && !versionsPage.error ? (
              <p className="muted">No version frozen yet.</p>
            ) : (
              versions.map((version) => <VersionStats key={version.id} version={version} />)
            )}
          </section>
          {canCurate ? (
            <section className="card side">
              <FreezeForm datasetId={dataset.id} />
            </section>
          ) : null}
        </div>
      </div>
    </>
  );
}
