import Link from 'next/link';
import { CursorPagination } from '@/components/cursor-pagination';
import { FormError } from '@/components/form-error';
import { PageHeader } from '@/components/page-header';
import {
  ApiKeysDocument,
  MembersDocument,
  ModelAliasesDocument,
  ModelsDocument,
  ModelVersionNameDocument,
  ModelVersionsDocument,
  TrainedFromDocument,
  type Role,
} from '@/graphql/generated';
import type { Credentials } from '@/lib/api/graphql-client';
import { loadQuery } from '@/lib/api/load-query';
import { AliasTable } from '../components/alias-table';
import { ModelTable } from '../components/model-table';
import { MoveAliasForm } from '../components/move-alias-form';
import { VersionTable } from '../components/version-table';
import { directoryOf } from '../lib/actors';
import { aliasMoveRefusal } from '../lib/alias-movers';
import { aliasSuggestions, modelsHref, shownModel } from '../lib/models-page';
import { versionName, type TrainedFrom, type VersionName } from '../lib/version-words';

// A workspace has a handful of models (like members, the first 100 are listed); a model's versions are
// paged, as every list is.
export const modelsShown = 100;
export const versionsPageSize = 20;

/** Looks up each id once, in parallel, keeping the ones found (a lookup refused leaves the id unnamed). */
async function lookUp<T>(ids: Iterable<string>, find: (id: string) => Promise<T | undefined>) {
  const unique = [...new Set(ids)];
  const found = await Promise.all(unique.map(async (id) => [id, await find(id)] as const));
  return new Map(found.flatMap(([id, value]) => (value === undefined ? [] : [[id, value] as const])));
}

// The registry as the workspace sees it: its aliases with their history (and, for owners and engineers,
// the control that moves them), its models and the built-in, and one model's versions with where each
// came from and what its contract says.
export async function ModelsView({
  credentials,
  role,
  modelId,
  after,
}: {
  credentials: Credentials;
  role: Role | undefined;
  modelId?: string;
  after?: string;
}) {
  const [models, aliases, members, apiKeys] = await Promise.all([
    loadQuery(ModelsDocument, { first: modelsShown, after: null }, credentials),
    loadQuery(ModelAliasesDocument, {}, credentials),
    loadQuery(MembersDocument, {}, credentials),
    role === 'OWNER' ? loadQuery(ApiKeysDocument, {}, credentials) : undefined,
  ]);
  const header = (
    <PageHeader title="Models">
      The versions this workspace can generate with, where each came from, and the aliases that choose one.{' '}
      <Link href="/evaluations">Evaluate and compare versions</Link>.
    </PageHeader>
  );
  if (!models.data) {
    return (
      <>
        {header}
        <FormError message={models.error} />
      </>
    );
  }
  const listed = models.data.models.edges.map((edge) => edge.node);
  const shown = shownModel(listed, modelId);
  const page = shown
    ? await loadQuery(
        ModelVersionsDocument,
        { modelId: shown.id, first: versionsPageSize, after: shown.id === modelId ? (after ?? null) : null },
        credentials,
      )
    : undefined;
  const versions = page?.data?.modelVersions.edges.map((edge) => edge.node) ?? [];
  const aliasList = aliases.data?.modelAliases ?? [];
  const directory = directoryOf(
    members.data?.members.edges.map((edge) => edge.node) ?? [],
    apiKeys?.data?.apiKeys.edges.map((edge) => edge.node) ?? [],
  );

  const names = new Map<string, VersionName>(versions.map((version) => [version.id, version]));
  const mentioned = aliasList.flatMap((alias) => [
    alias.versionId,
    ...alias.history.flatMap((move) => [move.toVersionId, ...(move.fromVersionId ? [move.fromVersionId] : [])]),
  ]);
  const [elsewhere, trainedFrom] = await Promise.all([
    lookUp(
      mentioned.filter((id) => !names.has(id)),
      async (id) => (await loadQuery(ModelVersionNameDocument, { id }, credentials)).data?.modelVersion,
    ),
    lookUp(
      versions.flatMap((version) => version.provenance.datasetVersionId ?? []),
      async (id): Promise<TrainedFrom | undefined> =>
        (await loadQuery(TrainedFromDocument, { id }, credentials)).data?.datasetVersion,
    ),
  ]);
  for (const [id, name] of elsewhere) names.set(id, name);

  const aliasesOf = (versionId: string) => [
    ...(versions.find((version) => version.id === versionId)?.builtIn ? ['default'] : []),
    ...aliasList.filter((alias) => alias.versionId === versionId).map((alias) => alias.name),
  ];
  const refusal = aliasMoveRefusal(role);
  const nextCursor = page?.data?.modelVersions.pageInfo.hasNextPage
    ? page.data.modelVersions.pageInfo.endCursor
    : null;

  return (
    <>
      {header}
      <div className="stack">
        <div className="columns">
          <section className="card grow stack" aria-label="Aliases">
            <h2>Aliases</h2>
            <p className="muted">
              A request names an alias or leaves it to the workspace default: “production”, else the built-in
              default.
            </p>
            {aliases.data ? (
              <AliasTable aliases={aliasList} names={names} directory={directory} />
            ) : (
              <FormError message={aliases.error} />
            )}
          </section>
          <section className="card side">
            {refusal ? (
              <div className="stack">
                <h2>Move an alias</h2>
                <p className="muted">{refusal}</p>
              </div>
            ) : shown ? (
              <MoveAliasForm
                modelName={shown.name}
                versions={versions.map((version) => ({ id: version.id, name: versionName(version, version.id) }))}
                suggestions={aliasSuggestions(aliasList.map((alias) => alias.name))}
              />
            ) : null}
          </section>
        </div>
        <section className="card stack" aria-label="Models">
          <h2>Models</h2>
          <ModelTable models={listed} shownId={shown?.id} />
          {models.data.models.pageInfo.hasNextPage ? (
            <p className="muted">The first {modelsShown} models are listed.</p>
          ) : null}
        </section>
        {shown ? (
          <section className="card stack" aria-label={`Versions of ${shown.name}`}>
            <h2>Versions of {shown.name}</h2>
            <FormError message={page?.error} />
            <VersionTable
              versions={versions}
              directory={directory}
              trainedFrom={trainedFrom}
              aliasesOf={aliasesOf}
            />
            <CursorPagination
              label="Version pages"
              after={shown.id === modelId ? after : undefined}
              nextCursor={nextCursor}
              href={(cursor) => modelsHref({ model: shown.id, after: cursor })}
            />
          </section>
        ) : null}
      </div>
    </>
  );
}
