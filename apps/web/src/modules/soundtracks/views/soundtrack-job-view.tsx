import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { FormError } from '@/components/form-error';
import { PageHeader } from '@/components/page-header';
import { SoundtrackJobDocument } from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { loadQuery } from '@/lib/api/load-query';
import { LiveJob } from '../components/live-job';

export async function SoundtrackJobView({
  credentials,
  id,
  canCancel,
}: {
  credentials: Credentials;
  id: string;
  canCancel: boolean;
}) {
  const { data, error, code } = await loadQuery(SoundtrackJobDocument, { id }, credentials);
  // Another workspace's job is the API's NOT_FOUND, and a 404 here too: its existence is not revealed.
  if (code === 'NOT_FOUND') notFound();
  return (
    <>
      <PageHeader title={data ? `Soundtrack · ${data.soundtrackJob.genre}` : 'Soundtrack'}>
        <Link href="/soundtracks">All soundtracks</Link>
      </PageHeader>
      <FormError message={error} />
      {data ? <LiveJob initial={data.soundtrackJob} canCancel={canCancel} nonce={randomUUID()} /> : null}
    </>
  );
}
