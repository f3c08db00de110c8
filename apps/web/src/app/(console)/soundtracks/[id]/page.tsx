import type { Metadata } from 'next';
import { loadCurrentMember } from '@/lib/session/current-member';
import { requireCredentials } from '@/lib/session/session';
import { mayGenerate } from '@/modules/soundtracks/lib/job-status';
import { SoundtrackJobView } from '@/modules/soundtracks/views/soundtrack-job-view';

export const metadata: Metadata = { title: 'Soundtrack' };

export default async function SoundtrackJobPage({ params }: { params: Promise<{ id: string }> }) {
  const credentials = await requireCredentials();
  const { data } = await loadCurrentMember();
  const { id } = await params;
  return <SoundtrackJobView credentials={credentials} id={id} canCancel={mayGenerate(data?.me.role)} />;
}
