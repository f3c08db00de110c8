import type { Metadata } from 'next';
import { loadCurrentMember } from '@/lib/session/current-member';
import { requireCredentials } from '@/lib/session/session';
import { singleParam, type SearchParams } from '@/lib/search-params';
import { DatasetsView } from '@/modules/datasets/views/datasets-view';

export const metadata: Metadata = { title: 'Datasets' };

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const credentials = await requireCredentials();
  const { data } = await loadCurrentMember();
  return (
    <DatasetsView
      credentials={credentials}
      after={await singleParam(searchParams, 'after')}
      canCreate={data?.me.role !== 'VIEWER'}
    />
  );
}
