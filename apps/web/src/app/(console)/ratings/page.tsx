import type { Metadata } from 'next';
import { loadCurrentMember } from '@/lib/session/current-member';
import { requireCredentials } from '@/lib/session/session';
import { RatingsView } from '@/modules/ratings/views/ratings-view';

export const metadata: Metadata = { title: 'Ratings' };

export default async function RatingsPage() {
  const credentials = await requireCredentials();
  const { data } = await loadCurrentMember();
  return <RatingsView credentials={credentials} role={data?.me.role} />;
}
