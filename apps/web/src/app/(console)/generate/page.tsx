import type { Metadata } from 'next';
import { loadCurrentMember } from '@/lib/session/current-member';
import { requireCredentials } from '@/lib/session/session';
import { mayGenerate } from '@/modules/soundtracks/lib/job-status';
import { GenerateView } from '@/modules/soundtracks/views/generate-view';

export const metadata: Metadata = { title: 'Generate' };

export default async function GeneratePage() {
  const credentials = await requireCredentials();
  const { data } = await loadCurrentMember();
  return <GenerateView credentials={credentials} canGenerate={mayGenerate(data?.me.role)} />;
}
