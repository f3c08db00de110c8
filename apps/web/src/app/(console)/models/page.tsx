import type { Metadata } from 'next';
import { loadCurrentMember } from '@/lib/session/current-member';
import { requireCredentials } from '@/lib/session/session';
import { singleParam, type SearchParams } from '@/lib/search-params';
import { ModelsView } from '@/modules/models/views/models-view';

export const metadata: Metadata = { title: 'Models' };

export default async function ModelsPage({ searchParams }: { searchParams: SearchParams }) {
  const credentials = await requireCredentials();
  const { data } = await loadCurrentMember();
  return (
    <ModelsView
      credentials={credentials}
      role={data?.me.role}
      modelId={await singleParam(searchParams, 'model')}
      after={await singleParam(searchParams, 'after')}
    />
  );
}
