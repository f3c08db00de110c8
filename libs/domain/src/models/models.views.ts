import type { ModelVersionFile, ModelVersionSource } from '@loris/db';

/** Which model version a request names: an id, or an alias ("default" is the built-in); neither: production. */
export interface ModelSelector {
  versionId?: string | null;
  alias?: string | null;
}

export interface ModelView {
  id: string;
  name: string;
  /** The shipped default, shared by every tenant and read-only. */
  builtIn: boolean;
  versionCount: number;
  createdAt: Date;
}

/** What a version's card says, in a few figures (the console's contract summary). */
export interface ModelContractSummary {
  name: string;
  version: string;
  sampleRate: number;
  segmentSeconds: number;
  genres: string[];
  visualKind: string;
  rhythmVariant: string;
  sampler: string;
  steps: number;
  guidance: number;
}

/** Where a version came from: uploaded by whom and when, or trained from which dataset version and run. */
export interface ModelProvenanceView {
  source: ModelVersionSource;
  createdBy: string | null;
  createdByApiKey: string | null;
  datasetVersionId: string | null;
  trainingRunId: string | null;
}

export interface ModelVersionView {
  id: string;
  modelId: string;
  modelName: string;
  number: number;
  /** The card's name@version. */
  label: string;
  builtIn: boolean;
  /** sha256 of model.json; null for the built-in (MODEL_DIR's card may be replaced by an operator). */
  cardSha256: string | null;
  files: ModelVersionFile[];
  contract: ModelContractSummary;
  provenance: ModelProvenanceView;
  createdAt: Date;
}

export interface ModelAliasMoveView {
  fromVersionId: string | null;
  toVersionId: string;
  movedBy: string | null;
  movedByApiKey: string | null;
  movedAt: Date;
}

export interface ModelAliasView {
  name: string;
  versionId: string;
  /** Newest first. */
  history: ModelAliasMoveView[];
  updatedAt: Date;
}
