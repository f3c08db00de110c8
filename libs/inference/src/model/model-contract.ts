// The model card (`model.json`, format "loris-model/1") as docs/model-contract.md defines it, parsed into
// a typed object. Everything inference needs to condition, sample and post-process comes from here, so a
// model trained with other settings is refused up front instead of producing wrong audio.
import { isSamplerName, SAMPLER_NAMES, SamplerName } from '../sampling/sampling';
import type { GuidanceInterval } from '../sampling/guidance';
import {
  fail,
  JsonObject,
  readArray,
  readLiteral,
  readNumber,
  readObject,
  readOneOf,
  readRecord,
  readString,
} from './json-fields';
import { readWindowSettings, type WindowSettings } from './window-settings';

export const MODEL_FORMAT = 'loris-model/1';
/** The platform's audio rate: every generated WAV is delivered at this rate (ARCHITECTURE.md). */
export const OUTPUT_SAMPLE_RATE = 22050;

export type TensorDtype = 'float32' | 'int64';
/** A dimension is a size or a symbolic name (`B`, `S`, `Lv`) fixed by the request. */
export type TensorDim = number | string;

export interface TensorSpec {
  dtype: TensorDtype;
  shape: TensorDim[];
}

export interface SessionSignature {
  inputs: Record<string, TensorSpec>;
  outputs: Record<string, TensorSpec>;
}

export interface ModelFile {
  path: string;
  sha256: string;
  bytes: number;
  /** The graph's weights in a separate file (`<name>.onnx.data`), for graphs over protobuf's 2 GB. */
  externalData?: ModelFile;
}

export interface RhythmSettings {
  variant: string;
  /** Rhythm tokens per second of audio. */
  rate: number;
  bins: number;
  preMax: number;
  postMax: number;
  preAvg: number;
  postAvg: number;
  delta: number;
  wait: number;
  confidenceThreshold: number;
}

export interface VisualSettings {
  kind: string;
  dim: number;
  /** Visual feature frames per second of audio. */
  rate: number;
}

export interface SamplerDefaults {
  name: SamplerName;
  steps: number;
  guidanceScale: number;
  sigmaMin: number;
  sigmaMax: number;
  rho: number;
  /** Where guidance applies; absent: at every noise level (sampling/guidance.ts). */
  guidanceInterval?: GuidanceInterval;
}

export interface ModelContract {
  format: typeof MODEL_FORMAT;
  name: string;
  version: string;
  createdAt: string;
  /** The rate the network runs at; the output is resampled to outputSampleRate when it differs. */
  sampleRate: number;
  outputSampleRate: number;
  channels: number;
  segmentSamples: number;
  /** The U-Net's total down-sampling factor: the waveform length must be a multiple of it. */
  lengthMultiple: number;
  /** Training audio was multiplied by this (0.95 in the paper, appendix A.3); generation divides by it. */
  audioScale: number;
  sigmaData: number;
  pose: { fps: number };
  rhythm: RhythmSettings;
  visual: VisualSettings;
  /** The genre vocabulary in index order: genre i is fed to the conditioner as i. */
  genres: string[];
  timeAlignment: string;
  /**
   * The context tensors the conditioner hands the denoiser, in order: conditioner output `name` (the
   * request's) and `null_<name>` (the learned null condition) both feed denoiser input `name`.
   */
  contexts: string[];
  sampler: SamplerDefaults;
  tensors: { conditioner: SessionSignature; denoiser: SessionSignature };
  files: { conditioner: ModelFile; denoiser: ModelFile };
  provenance: JsonObject;
  /** How long the model can go: window length, overlap, longest request (derived for older cards). */
  windows: WindowSettings;
}

/** Tensor names fixed by the contract; the context tensors between the two sessions are named by the model. */
export const TENSOR_NAMES = {
  conditioner: { visual: 'visual', rhythm: 'rhythm', genre: 'genre' },
  denoiser: { x: 'x', sigma: 'sigma', denoised: 'denoised' },
} as const;

const positive = { above: 0 };
const count = { integer: true, min: 1 };
const nonNegativeCount = { integer: true, min: 0 };

function readTensorSpec(value: unknown, field: string): TensorSpec {
  const spec = readObject(value, field);
  return {
    dtype: readOneOf(spec.dtype, `${field}.dtype`, ['float32', 'int64'] as const),
    shape: readArray(spec.shape, `${field}.shape`, (dim, dimField) => {
      if (typeof dim === 'string' && dim.length > 0) return dim;
      return readNumber(dim, dimField, count);
    }),
  };
}

function readSignature(value: unknown, field: string): SessionSignature {
  const signature = readObject(value, field);
  return {
    inputs: readRecord(signature.inputs, `${field}.inputs`, readTensorSpec),
    outputs: readRecord(signature.outputs, `${field}.outputs`, readTensorSpec),
  };
}

function readFile(value: unknown, field: string): ModelFile {
  const file = readObject(value, field);
  const path = readString(file.path, `${field}.path`);
  // A model directory is self-contained: no absolute paths, no escaping it.
  if (path.startsWith('/') || path.split(/[\\/]/).includes('..'))
    fail(`${field}.path`, 'a path inside the model directory', path);
  const sha256 = readString(file.sha256, `${field}.sha256`);
  if (!/^[0-9a-f]{64}$/.test(sha256)) fail(`${field}.sha256`, '64 lower-case hex digits', sha256);
  const entry: ModelFile = { path, sha256, bytes: readNumber(file.bytes, `${field}.bytes`, count) };
  if (file.externalData !== undefined)
    entry.externalData = readFile(file.externalData, `${field}.externalData`);
  return entry;
}

function readRhythm(value: unknown): RhythmSettings {
  const r = readObject(value, 'rhythm');
  return {
    variant: readString(r.variant, 'rhythm.variant'),
    rate: readNumber(r.rate, 'rhythm.rate', positive),
    bins: readNumber(r.bins, 'rhythm.bins', count),
    preMax: readNumber(r.preMax, 'rhythm.preMax', nonNegativeCount),
    postMax: readNumber(r.postMax, 'rhythm.postMax', nonNegativeCount),
    preAvg: readNumber(r.preAvg, 'rhythm.preAvg', nonNegativeCount),
    postAvg: readNumber(r.postAvg, 'rhythm.postAvg', nonNegativeCount),
    delta: readNumber(r.delta, 'rhythm.delta', { min: 0 }),
    wait: readNumber(r.wait, 'rhythm.wait', nonNegativeCount),
    confidenceThreshold: readNumber(r.confidenceThreshold, 'rhythm.confidenceThreshold', { min: 0, max: 1 }),
  };
}

function readSampler(value: unknown): SamplerDefaults {
  const s = readObject(value, 'sampler');
  const name = readString(s.name, 'sampler.name');
  if (!isSamplerName(name)) fail('sampler.name', `one of ${SAMPLER_NAMES.join(', ')}`, name);
  const sigmaMin = readNumber(s.sigmaMin, 'sampler.sigmaMin', positive);
  return {
    name,
    steps: readNumber(s.steps, 'sampler.steps', count),
    guidanceScale: readNumber(s.guidanceScale, 'sampler.guidanceScale', { min: 0 }),
    sigmaMin,
    sigmaMax: readNumber(s.sigmaMax, 'sampler.sigmaMax', { above: sigmaMin }),
    rho: readNumber(s.rho, 'sampler.rho', positive),
    ...(s.guidanceInterval === undefined
      ? {}
      : { guidanceInterval: readGuidanceInterval(s.guidanceInterval) }),
  };
}

function readGuidanceInterval(value: unknown): GuidanceInterval {
  const g = readObject(value, 'sampler.guidanceInterval');
  const sigmaMin = readNumber(g.sigmaMin, 'sampler.guidanceInterval.sigmaMin', { min: 0 });
  return {
    sigmaMin,
    sigmaMax: readNumber(g.sigmaMax, 'sampler.guidanceInterval.sigmaMax', { min: sigmaMin }),
  };
}

function readGenres(value: unknown): string[] {
  const genres = readArray(value, 'genres', readString);
  if (genres.length === 0) fail('genres', 'a non-empty array', value);
  const seen = new Set<string>();
  genres.forEach((genre, i) => {
    if (seen.has(genre)) fail(`genres[${i}]`, 'unique', genre);
    seen.add(genre);
  });
  return genres;
}

/** Every context is a conditioner output with a null twin and a denoiser input, and the denoiser takes no other. */
function checkContexts(contract: Pick<ModelContract, 'tensors' | 'contexts'>): void {
  const { conditioner, denoiser } = contract.tensors;
  contract.contexts.forEach((name, i) => {
    for (const output of [name, `null_${name}`]) {
      if (!conditioner.outputs[output])
        fail(`tensors.conditioner.outputs.${output}`, `declared for contexts[${i}]`, undefined);
    }
    if (!denoiser.inputs[name])
      fail(`tensors.denoiser.inputs.${name}`, `declared for contexts[${i}]`, undefined);
  });
  const fixed: string[] = [TENSOR_NAMES.denoiser.x, TENSOR_NAMES.denoiser.sigma];
  for (const input of Object.keys(denoiser.inputs)) {
    if (!fixed.includes(input) && !contract.contexts.includes(input)) {
      fail(
        'contexts',
        `a list of every context input of the denoiser (${input} is missing)`,
        contract.contexts,
      );
    }
  }
}

/** Parses and checks a model card; throws ModelContractError naming the first field that is wrong. */
export function parseModelContract(json: unknown): ModelContract {
  const m = readObject(json, 'model.json');
  const pose = readObject(m.pose, 'pose');
  const visual = readObject(m.visual, 'visual');
  const tensors = readObject(m.tensors, 'tensors');
  const files = readObject(m.files, 'files');
  const contract: Omit<ModelContract, 'windows'> = {
    format: readLiteral(m.format, 'format', MODEL_FORMAT),
    name: readString(m.name, 'name'),
    version: readString(m.version, 'version'),
    createdAt: readString(m.createdAt, 'createdAt'),
    sampleRate: readNumber(m.sampleRate, 'sampleRate', { integer: true, min: 1000 }),
    outputSampleRate: readLiteral(m.outputSampleRate, 'outputSampleRate', OUTPUT_SAMPLE_RATE),
    channels: readNumber(m.channels, 'channels', count),
    segmentSamples: readNumber(m.segmentSamples, 'segmentSamples', count),
    lengthMultiple: readNumber(m.lengthMultiple, 'lengthMultiple', count),
    audioScale: readNumber(m.audioScale, 'audioScale', positive),
    sigmaData: readNumber(m.sigmaData, 'sigmaData', positive),
    pose: { fps: readNumber(pose.fps, 'pose.fps', positive) },
    rhythm: readRhythm(m.rhythm),
    visual: {
      kind: readString(visual.kind, 'visual.kind'),
      dim: readNumber(visual.dim, 'visual.dim', count),
      rate: readNumber(visual.rate, 'visual.rate', positive),
    },
    genres: readGenres(m.genres),
    timeAlignment: readString(m.timeAlignment, 'timeAlignment'),
    contexts: readArray(m.contexts, 'contexts', readString),
    sampler: readSampler(m.sampler),
    tensors: {
      conditioner: readSignature(tensors.conditioner, 'tensors.conditioner'),
      denoiser: readSignature(tensors.denoiser, 'tensors.denoiser'),
    },
    files: {
      conditioner: readFile(files.conditioner, 'files.conditioner'),
      denoiser: readFile(files.denoiser, 'files.denoiser'),
    },
    provenance: readObject(m.provenance, 'provenance'),
  };
  const { conditioner, denoiser } = contract.tensors;
  for (const name of Object.values(TENSOR_NAMES.conditioner)) {
    if (!conditioner.inputs[name]) fail(`tensors.conditioner.inputs.${name}`, 'declared', undefined);
  }
  for (const name of [TENSOR_NAMES.denoiser.x, TENSOR_NAMES.denoiser.sigma]) {
    if (!denoiser.inputs[name]) fail(`tensors.denoiser.inputs.${name}`, 'declared', undefined);
  }
  if (!denoiser.outputs[TENSOR_NAMES.denoiser.denoised]) {
    fail('tensors.denoiser.outputs.denoised', 'declared', undefined);
  }
  checkContexts(contract);
  if (contract.segmentSamples % contract.lengthMultiple !== 0) {
    fail(
      'segmentSamples',
      `a multiple of lengthMultiple (${contract.lengthMultiple})`,
      contract.segmentSamples,
    );
  }
  // After segmentSamples is checked: a derived window is a length the card already vouches for.
  return { ...contract, windows: readWindowSettings(m.windows, contract) };
}
