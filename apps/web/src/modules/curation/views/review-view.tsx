import Link from 'next/link';
import { CursorPagination } from '@/components/cursor-pagination';
import { FormError } from '@/components/form-error';
import { PageHeader } from '@/components/page-header';
import { ReviewPageDocument } from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { loadQuery } from '@/lib/api/load-query';
import { SegmentFilters } from '../components/segment-filters';
import { SegmentReview } from '../components/segment-review';
import { reviewHref, segmentFilter, type SegmentFilterParams } from '../lib/segment-filter';

export const reviewPageSize = 20;

// A dataset's segments for review: filters, a page of segments in the order they were cut, and the open
// segment with its player, timeline, sync cue and (for curators and owners) the decisions.
export async function ReviewView({
  datasetId,
  params,
  after,
  credentials,
  canDecide,
}: {
  datasetId: string;
  params: SegmentFilterParams;
  after?: string;
  credentials: Credentials;
  canDecide: boolean;
}) {
  const { data, error } = await loadQuery(
    ReviewPageDocument,
    { datasetId, filter: segmentFilter(params), first: reviewPageSize, after: after ?? null },
    credentials,
  );
  if (!data) {
    return (
      <>
        <PageHeader title="Review" />
        <FormError message={error} />
      </>
    );
  }
  const genres = data.genres.map((genre) => genre.name);
  const page = data.segments;
  return (
    <>
      <PageHeader title={`Review: ${data.dataset.name}`}>
        <Link href={`/datasets/${datasetId}`}>← Back to the dataset</Link>
      </PageHeader>
      <div className="stack">
        <section className="card">
          <SegmentFilters datasetId={datasetId} params={params} genres={genres} />
        </section>
        <SegmentReview initial={page.edges.map((edge) => edge.node)} genres={genres} canDecide={canDecide} />
        <CursorPagination
          label="Segment pages"
          after={after}
          nextCursor={page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null}
          href={(cursor) => reviewHref(datasetId, params, cursor)}
        />
      </div>
    </>
  );
}
