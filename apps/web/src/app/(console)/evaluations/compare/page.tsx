import type { Metadata } from 'next';
import { loadCurrentMember } from '@/lib/session/current-member';
import { requireCredentials } from '@/lib/session/session';
import { singleParam, type SearchParams } from '@/lib/search-params';
import { compareIds } from '@/modules/evaluations/lib/evaluation-form';
import { CompareView } from '@/modules/evaluations/views/compare-view';

export const metadata: Metadata = { title: 'Compare evaluations' };

export default async function ComparePage({ searchParams }: { searchParams: SearchParams }) {
  const credentials = await requireCredentials();
  const { data } = await loadCurrentMember();
  const params = await searchParams;
  return (
    <CompareView
      credentials={credentials}
      role={data?.me.role}
      params={{
        ids: compareIds(params.ids),
        sort: await singleParam(searchParams, 'sort'),
        descending: await singleParam(searchParams, 'descending'),
        listen: await singleParam(searchParams, 'listen'),
      }}
    />
  );
}
