import { randomUUID } from 'node:crypto';
import { FormError } from '@/components/form-error';
import { PageHeader } from '@/components/page-header';
import { ServingModelDocument } from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { loadQuery } from '@/lib/api/load-query';
import { GenerateForm } from '../components/generate-form';

export async function GenerateView({
  credentials,
  canGenerate,
}: {
  credentials: Credentials;
  canGenerate: boolean;
}) {
  const header = (
    <PageHeader title="Generate">
      Upload a dance or sports video, or a pose track, and get music in time with the movement.
    </PageHeader>
  );
  if (!canGenerate) {
    return (
      <>
        {header}
        <FormError message="Your role in this workspace does not allow generating soundtracks. Ask an owner." />
      </>
    );
  }
  const { data, error } = await loadQuery(ServingModelDocument, {}, credentials);
  const model = data?.servingModel;
  return (
    <>
      {header}
      <FormError message={error} />
      {model ? (
        <section className="card form-card">
          <p className="muted">
            Model {model.name} {model.version}
          </p>
          <GenerateForm
            genres={model.genres.map((genre) => genre.name)}
            defaults={{
              maxSeconds: model.maxSeconds,
              steps: model.steps,
              guidance: model.guidance,
              sampler: model.sampler,
            }}
            nonce={randomUUID()}
          />
        </section>
      ) : null}
    </>
  );
}
