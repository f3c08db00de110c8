import { randomUUID } from 'node:crypto';
import { FormError } from '@/components/form-error';
import { PageHeader } from '@/components/page-header';
import {
  GenerateModelAliasesDocument,
  ServingModelDocument,
  type ServingModelQuery,
} from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { loadQuery } from '@/lib/api/load-query';
import { GenerateForm, type ModelChoice } from '../components/generate-form';
import { builtInAlias, modelOptions, modelSelector } from '../lib/model-choices';

type Served = ServingModelQuery['servingModel'];

function choiceOf(value: string, label: string, served: Served): ModelChoice {
  return {
    value,
    label,
    model: `${served.name} ${served.version}`,
    genres: served.genres.map((genre) => genre.name),
    defaults: {
      maxSeconds: served.maxSeconds,
      steps: served.steps,
      guidance: served.guidance,
      sampler: served.sampler,
    },
  };
}

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
  const [{ data, error }, aliases] = await Promise.all([
    loadQuery(ServingModelDocument, {}, credentials),
    loadQuery(GenerateModelAliasesDocument, {}, credentials),
  ]);
  // Each alias and the built-in is asked what it serves, so its genres and defaults show when it is chosen
  // without a round trip; a workspace has a handful of aliases. One that cannot be asked is not offered.
  const names =
    aliases.data?.modelAliases.map((alias) => alias.name).filter((name) => name !== builtInAlias) ?? [];
  const served = new Map<string, Served>();
  if (data) served.set('', data.servingModel);
  await Promise.all(
    [...names, builtInAlias].map(async (alias) => {
      const answer = await loadQuery(ServingModelDocument, { model: modelSelector(alias) }, credentials);
      if (answer.data) served.set(alias, answer.data.servingModel);
    }),
  );
  const choices = modelOptions(names, (value) => {
    const model = served.get(value);
    return model ? `${model.name} ${model.version}` : undefined;
  }).flatMap((option) => {
    const model = served.get(option.value);
    return model ? [choiceOf(option.value, option.label, model)] : [];
  });
  return (
    <>
      {header}
      <FormError message={error} />
      {data ? (
        <section className="card form-card">
          <GenerateForm choices={choices} nonce={randomUUID()} />
        </section>
      ) : null}
    </>
  );
}
