import type { ModelVersionFieldsFragment } from '@/graphql/generated';
import { formatDate } from '../../../lib/format/format-date';
import { actorName, type Directory } from './actors';

/** What names a version for people: its model and number, and its card's name@version. */
export interface VersionName {
  modelName: string;
  number: number;
  label: string;
  builtIn: boolean;
}

// Aliases point at versions of any model, so a version is always named with its model.
export function versionName(version: VersionName | undefined, id: string): string {
  if (!version) return `version ${id.slice(0, 8)}`;
  if (version.builtIn) return `built-in default (${version.label})`;
  return `${version.modelName} #${version.number} (${version.label})`;
}

/** The dataset version a trained version came from, as far as it could be looked up. */
export interface TrainedFrom {
  datasetId: string;
  number: number;
}

type Provenanced = Pick<ModelVersionFieldsFragment, 'createdAt' | 'provenance'>;

// Where a version came from, in one line: shipped, uploaded by whom and when, or trained here.
export function provenanceLine(version: Provenanced, directory: Directory, trainedFrom?: TrainedFrom): string {
  const { provenance } = version;
  const when = formatDate(version.createdAt);
  switch (provenance.source) {
    case 'BUILTIN':
      return 'Built in, shipped with LORIS Studio';
    case 'UPLOADED': {
      const who = actorName(
        { userId: provenance.createdBy, apiKeyId: provenance.createdByApiKey },
        directory,
      );
      return `Uploaded by ${who} on ${when}`;
    }
    case 'TRAINED': {
      const from = trainedFrom
        ? `dataset version ${trainedFrom.number}`
        : provenance.datasetVersionId
          ? `dataset version ${provenance.datasetVersionId.slice(0, 8)}`
          : 'a dataset version no longer listed';
      const run = provenance.trainingRunId ? ` (run ${provenance.trainingRunId.slice(0, 8)})` : '';
      return `Trained from ${from}${run} on ${when}`;
    }
  }
}

type Contract = ModelVersionFieldsFragment['contract'];

// The contract in the figures a request depends on: the model's rate, vocabulary size and segment length
// (samples over rate, so rounded: 8192 / 11025 reads 0.74 s).
export function contractSummary(contract: Contract): string {
  const genres = `${contract.genres.length} ${contract.genres.length === 1 ? 'genre' : 'genres'}`;
  return `${contract.sampleRate} Hz · ${genres} · ${Number(contract.segmentSeconds.toFixed(2))} s segments`;
}
