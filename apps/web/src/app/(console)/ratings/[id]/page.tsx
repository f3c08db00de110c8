import type { Metadata } from 'next';
import { loadCurrentMember } from '@/lib/session/current-member';
import { requireCredentials } from '@/lib/session/session';
import { CampaignView } from '@/modules/ratings/views/campaign-view';

export const metadata: Metadata = { title: 'Rating campaign' };

export default async function RatingCampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const credentials = await requireCredentials();
  const { data } = await loadCurrentMember();
  return <CampaignView credentials={credentials} role={data?.me.role} id={(await params).id} />;
}
