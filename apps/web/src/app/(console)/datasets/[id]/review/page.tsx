import type { Metadata } from 'next';
import { singleParam, type SearchParams } from '@/lib/search-params';
import { loadCurrentMember } from '@/lib/session/current-member';
import { requireCredentials } from '@/lib/session/session';
import { canCurate } from '@/modules/curation/lib/curator-roles';
import { filterNames, type SegmentFilterParams } from '@/modules/curation/lib/segment-filter';
import { ReviewView } from '@/modules/curation/views/review-view';

export const metadata: Metadata = { title: 'Review segments' };

export default async function ReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const credentials = await requireCredentials();
  const { data } = await loadCurrentMember();
  const { id } = await params;
  const filters: SegmentFilterParams = {};
  for (const name of filterNames) filters[name] = await singleParam(searchParams, name);
  return (
    <ReviewView
      datasetId={id}
      params={filters}
      after={await singleParam(searchParams, 'after')}
      credentials={credentials}
      canDecide={canCurate(data?.me.role)}
    />
  );
}
