import type { Metadata } from 'next';
import { loadCurrentMember } from '@/lib/session/current-member';
import { requireCredentials } from '@/lib/session/session';
import { singleParam, type SearchParams } from '@/lib/search-params';
import { RatingsView } from '@/modules/ratings/views/ratings-view';

export const metadata: Metadata = { title: 'Ratings' };

// ?after=: the cursor of the campaigns' page shown.
export default async function RatingsPage({ searchParams }: { searchParams: SearchParams }) {
  const credentials = await requireCredentials();
  const { data } = await loadCurrentMember();
  return (
    <RatingsView
      credentials={credentials}
      role={data?.me.role}
      after={await singleParam(searchParams, 'after')}
    />
  );
}
