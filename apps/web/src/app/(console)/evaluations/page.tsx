import type { Metadata } from 'next';
import { loadCurrentMember } from '@/lib/session/current-member';
import { requireCredentials } from '@/lib/session/session';
import { singleParam, type SearchParams } from '@/lib/search-params';
import { EvaluationsView } from '@/modules/evaluations/views/evaluations-view';

export const metadata: Metadata = { title: 'Evaluations' };

export default async function EvaluationsPage({ searchParams }: { searchParams: SearchParams }) {
  const credentials = await requireCredentials();
  const { data } = await loadCurrentMember();
  return (
    <EvaluationsView
      credentials={credentials}
      role={data?.me.role}
      after={await singleParam(searchParams, 'after')}
    />
  );
}
