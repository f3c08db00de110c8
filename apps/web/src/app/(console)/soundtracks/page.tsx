import type { Metadata } from 'next';
import { loadCurrentMember } from '@/lib/session/current-member';
import { requireCredentials } from '@/lib/session/session';
import { singleParam, type SearchParams } from '@/lib/search-params';
import { isSoundtrackJobStatus, mayGenerate } from '@/modules/soundtracks/lib/job-status';
import { SoundtrackJobsView } from '@/modules/soundtracks/views/soundtrack-jobs-view';

export const metadata: Metadata = { title: 'Soundtracks' };

export default async function SoundtracksPage({ searchParams }: { searchParams: SearchParams }) {
  const credentials = await requireCredentials();
  const { data } = await loadCurrentMember();
  const status = await singleParam(searchParams, 'status');
  return (
    <SoundtrackJobsView
      credentials={credentials}
      after={await singleParam(searchParams, 'after')}
      status={isSoundtrackJobStatus(status) ? status : undefined}
      canGenerate={mayGenerate(data?.me.role)}
    />
  );
}
