// The registry's gate: a model folder (model.json and the files it names) is checked whole before anything
// of it is stored. The card must parse (docs/model-contract.md); its sample rate and genre vocabulary must
// be the ones the model was trained with, as its provenance records them; every file must have the size
// and sha256 the card gives; and onnxruntime must open both graphs with the declared inputs and outputs
// and run them once on a tiny batch (probeModel). Each refusal names the file and the problem.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ModelVersionFile } from '@loris/db';
import {
  CONTRACT_FILE,
  InferenceError,
  loadModel,
  type ModelContract,
  type ModelFile,
  ModelNotFoundError,
  parseContractBytes,
  probeModel,
  readContractBytes,
} from '@loris/inference';
import { InvalidModelVersionError } from './models.exception';

/** The rates the platform serves models at: its resampler takes any, a model outside these was mislabelled. */
const MIN_SAMPLE_RATE = 8000;
const MAX_SAMPLE_RATE = 48000;

export interface CheckedModelFolder {
  dir: string;
  /** model.json as JSON: what the registry stores. */
  card: Record<string, unknown>;
  contract: ModelContract;
  cardSha256: string;
  /** The card's name@version. */
  label: string;
  /** model.json first, then every file the card names, each with its path inside `dir`. */
  files: ModelVersionFile[];
}

type JsonRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is JsonRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value at a path of the card's provenance (the trainer's config), or undefined where it has none. */
function provenanceAt(contract: ModelContract, path: string[]): unknown {
  let value: unknown = contract.provenance;
  for (const key of path) value = isRecord(value) ? value[key] : undefined;
  return value;
}

function checkSampleRate(contract: ModelContract): void {
  const { sampleRate } = contract;
  if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
    throw new InvalidModelVersionError(
      `model.json: sampleRate ${sampleRate} Hz is outside ${MIN_SAMPLE_RATE} to ${MAX_SAMPLE_RATE} Hz`,
    );
  }
  const trained = provenanceAt(contract, ['config', 'audio', 'sample_rate']);
  if (trained !== undefined && trained !== sampleRate) {
    throw new InvalidModelVersionError(
      `model.json: sampleRate is ${sampleRate} Hz but the model was trained at ${String(trained)} Hz ` +
        '(provenance.config.audio.sample_rate); the card was edited after export',
    );
  }
}

function checkGenres(contract: ModelContract): void {
  const trained = provenanceAt(contract, ['config', 'conditions', 'genres']);
  if (trained === undefined) return;
  const list = (genres: readonly unknown[]) => genres.map((genre) => `"${String(genre)}"`).join(', ');
  const same =
    Array.isArray(trained) &&
    trained.length === contract.genres.length &&
    trained.every((genre, i) => genre === contract.genres[i]);
  if (!same) {
    throw new InvalidModelVersionError(
      `model.json: the genre vocabulary [${list(contract.genres)}] is not the one the model was trained with ` +
        `[${Array.isArray(trained) ? list(trained) : String(trained)}] (provenance.config.conditions.genres, ` +
        'in index order)',
    );
  }
}

/** The card's files: each graph and its external weights. */
function namedFiles(contract: ModelContract): ModelFile[] {
  const files: ModelFile[] = [];
  for (const file of [contract.files.conditioner, contract.files.denoiser]) {
    files.push(file);
    if (file.externalData) files.push(file.externalData);
  }
  return files;
}

/** The message of a libs/inference refusal, without the directory's temp path. */
function refusal(error: InferenceError, dir: string): InvalidModelVersionError {
  if (error instanceof ModelNotFoundError) {
    const missing = error.path.startsWith(dir) ? error.path.slice(dir.length + 1) : CONTRACT_FILE;
    return new InvalidModelVersionError(`${missing || CONTRACT_FILE} is missing`);
  }
  return new InvalidModelVersionError(error.message.split(dir + '/').join(''));
}

/**
 * Checks the model in `dir` as described above and says what to register; throws InvalidModelVersionError.
 * Runs the graphs on `threads` operator threads (one by default: the API checks while it serves).
 */
export async function checkModelFolder(dir: string, threads = 1): Promise<CheckedModelFolder> {
  try {
    const bytes = await readContractBytes(dir);
    const contract = parseContractBytes(bytes);
    checkSampleRate(contract);
    checkGenres(contract);
    const model = await loadModel(dir, { contract, intraOpNumThreads: threads });
    try {
      await probeModel(model);
    } finally {
      await model.release();
    }
    return {
      dir,
      card: JSON.parse(bytes.toString('utf8')) as Record<string, unknown>,
      contract,
      cardSha256: createHash('sha256').update(bytes).digest('hex'),
      label: `${contract.name}@${contract.version}`,
      files: [
        { name: CONTRACT_FILE, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length },
        ...namedFiles(contract).map((file) => ({ name: file.path, sha256: file.sha256, bytes: file.bytes })),
      ],
    };
  } catch (error) {
    if (error instanceof InferenceError) throw refusal(error, dir);
    throw error;
  }
}

/** Where a checked file lies on disk. */
export const checkedFilePath = (folder: CheckedModelFolder, file: ModelVersionFile) => join(folder.dir, file.name);
