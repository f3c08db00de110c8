import type { Metadata } from 'next';
import { loadCurrentMember } from '@/lib/session/current-member';
import { requireCredentials } from '@/lib/session/session';
import { canCurate } from '@/modules/curation/lib/curator-roles';
import { DatasetView } from '@/modules/curation/views/dataset-view';

export const metadata: Metadata = { title: 'Dataset' };

export default async function DatasetPage({ params }: { params: Promise<{ id: string }> }) {
  const credentials = await requireCredentials();
  const { data } = await loadCurrentMember();
  const { id } = await params;
  return <DatasetView id={id} credentials={credentials} canCurate={canCurate(data?.me.role)} />;
}
