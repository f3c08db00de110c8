import type { Metadata } from 'next';
import { loadCurrentMember } from '@/lib/session/current-member';
import { requireCredentials } from '@/lib/session/session';
import { singleParam, type SearchParams } from '@/lib/search-params';
import { TrainingRunsView } from '@/modules/training/views/training-runs-view';

export const metadata: Metadata = { title: 'Training' };

export default async function TrainingPage({ searchParams }: { searchParams: SearchParams }) {
  const credentials = await requireCredentials();
  const { data } = await loadCurrentMember();
  return (
    <TrainingRunsView
      credentials={credentials}
      role={data?.me.role}
      after={await singleParam(searchParams, 'after')}
      datasetVersionId={await singleParam(searchParams, 'datasetVersion')}
    />
  );
}
