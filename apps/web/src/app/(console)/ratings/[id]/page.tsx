import type { Metadata } from 'next';
import { loadCurrentMember } from '@/lib/session/current-member';
import { requireCredentials } from '@/lib/session/session';
import { singleParam, type SearchParams } from '@/lib/search-params';
import { CampaignView } from '@/modules/ratings/views/campaign-view';

export const metadata: Metadata = { title: 'Rating campaign' };

// ?sessions= and ?clips=: the cursors of the sessions' and the per-clip MOS pages shown.
export default async function RatingCampaignPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const credentials = await requireCredentials();
  const { data } = await loadCurrentMember();
  return (
    <CampaignView
      credentials={credentials}
      role={data?.me.role}
      id={(await params).id}
      pages={{
        sessions: await singleParam(searchParams, 'sessions'),
        clips: await singleParam(searchParams, 'clips'),
      }}
    />
  );
}
