import type { Metadata } from 'next';
import { loadCurrentMember } from '@/lib/session/current-member';
import { requireCredentials } from '@/lib/session/session';
import { EvaluationView } from '@/modules/evaluations/views/evaluation-view';

export const metadata: Metadata = { title: 'Evaluation' };

export default async function EvaluationPage({ params }: { params: Promise<{ id: string }> }) {
  const credentials = await requireCredentials();
  const { data } = await loadCurrentMember();
  return <EvaluationView credentials={credentials} role={data?.me.role} id={(await params).id} />;
}
