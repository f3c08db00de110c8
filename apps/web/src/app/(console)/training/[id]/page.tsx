import type { Metadata } from 'next';
import { loadCurrentMember } from '@/lib/session/current-member';
import { requireCredentials } from '@/lib/session/session';
import { TrainingRunView } from '@/modules/training/views/training-run-view';

export const metadata: Metadata = { title: 'Training run' };

export default async function TrainingRunPage({ params }: { params: Promise<{ id: string }> }) {
  const credentials = await requireCredentials();
  const { data } = await loadCurrentMember();
  const { id } = await params;
  return <TrainingRunView credentials={credentials} id={id} role={data?.me.role} />;
}
