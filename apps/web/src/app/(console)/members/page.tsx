import type { Metadata } from 'next';
import { requireCredentials } from '@/lib/session/session';
import { MembersView } from '@/modules/members/views/members-view';

export const metadata: Metadata = { title: 'Members' };

export default async function MembersPage() {
  return <MembersView credentials={await requireCredentials()} />;
}
