import Link from 'next/link';
import { notFound } from 'next/navigation';
import { FormError } from '@/components/form-error';
import { PageHeader } from '@/components/page-header';
import { TrainingRunDocument } from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { loadQuery } from '@/lib/api/load-query';
import { LiveRun } from '../components/live-run';
import { mayTrain } from '../lib/may-train';

export async function TrainingRunView({
  credentials,
  id,
  role,
}: {
  credentials: Credentials;
  id: string;
  role: string | undefined;
}) {
  const { data, error, code } = await loadQuery(TrainingRunDocument, { id, afterStep: -1 }, credentials);
  // Another workspace's run is the API's NOT_FOUND, and a 404 here too.
  if (code === 'NOT_FOUND') notFound();
  return (
    <>
      <PageHeader title={data ? `Training run · ${data.trainingRun.modelName}` : 'Training run'}>
        <Link href="/training">All runs</Link>
      </PageHeader>
      <FormError message={error} />
      {data ? <LiveRun initial={data.trainingRun} canCancel={mayTrain(role)} /> : null}
    </>
  );
}
