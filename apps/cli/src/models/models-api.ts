// The registry's GraphQL as the CLI reads it: models with their versions, and aliases.
import type { LorisApi } from '../api/api-client';

export interface VersionRow {
  id: string;
  number: number;
  label: string;
  modelName: string;
  builtIn: boolean;
  createdAt: string;
  provenance: { source: string };
}

export interface AliasRow {
  name: string;
  versionId: string;
  updatedAt: string;
}

export interface ModelsListing {
  versions: VersionRow[];
  aliases: AliasRow[];
}

const VERSION_FIELDS = 'id number label modelName builtIn createdAt provenance { source }';

export async function listModels(api: LorisApi): Promise<ModelsListing> {
  const { models, modelAliases } = await api.graphql<{
    models: { edges: { node: { id: string } }[] };
    modelAliases: AliasRow[];
  }>(`{ models(first: 100) { edges { node { id } } } modelAliases { name versionId updatedAt } }`);
  const versions: VersionRow[] = [];
  for (const { node } of models.edges) {
    const { modelVersions } = await api.graphql<{ modelVersions: { edges: { node: VersionRow }[] } }>(
      `query($id: ID!) { modelVersions(modelId: $id, first: 50) { edges { node { ${VERSION_FIELDS} } } } }`,
      { id: node.id },
    );
    versions.push(...modelVersions.edges.map((edge) => edge.node));
  }
  return { versions, aliases: modelAliases };
}

export async function setAlias(api: LorisApi, name: string, versionId: string): Promise<AliasRow> {
  const { moveModelAlias } = await api.graphql<{ moveModelAlias: AliasRow }>(
    `mutation($name: String!, $versionId: ID!) { moveModelAlias(name: $name, versionId: $versionId) { name versionId updatedAt } }`,
    { name, versionId },
  );
  return moveModelAlias;
}
