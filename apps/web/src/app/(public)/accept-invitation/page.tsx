import type { Metadata } from 'next';
import { singleParam, type SearchParams } from '@/lib/search-params';
import { AcceptInvitationView } from '@/modules/auth/views/accept-invitation-view';

export const metadata: Metadata = { title: 'Accept invitation' };

export default async function AcceptInvitationPage({ searchParams }: { searchParams: SearchParams }) {
  return <AcceptInvitationView token={await singleParam(searchParams, 'token')} />;
}
