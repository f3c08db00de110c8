// The generation pipeline, shared by the CLI and the worker so both give the same bytes for a seed:
// conditions from poses, the conditioner once, the sampler over the guided denoiser, post-processing.
import { InvalidRequestError } from '../inference.errors';
import type { LoadedModel } from '../model/load-model';
import type { ModelContract } from '../model/model-contract';
import { classifierFreeGuidance } from '../sampling/guidance';
import { initialNoise, NoiseSource, seededNoise } from '../sampling/random';
import {
  isSamplerName,
  karrasSigmas,
  SAMPLER_DEFAULT_STEPS,
  SAMPLER_NAMES,
  SAMPLERS,
  SamplerName,
  StepInfo,
} from '../sampling/sampling';
import { conditionsFromPoses, type ModelConditions } from './conditions';
import { EncodedConditions, encodeConditions, onnxBatchDenoiser } from './onnx-denoiser';
import { postProcess } from './post-process';

export interface SamplingSettings {
  seed: number;
  steps: number;
  sampler: SamplerName;
  guidance: number;
}

export interface GenerateSoundtrackRequest extends Partial<SamplingSettings> {
  model: LoadedModel;
  /** A pose track (poses.json); validated, any fps. */
  poses: unknown;
  genre: string;
  /** Default 25. */
  seconds?: number;
  onStep?: (info: StepInfo) => void;
  signal?: AbortSignal;
}

export interface Soundtrack extends SamplingSettings {
  /** Mono samples in [-1, 1] at sampleRate. */
  audio: Float32Array;
  sampleRate: number;
  seconds: number;
  modelVersion: string;
}

export const DEFAULT_SECONDS = 25;

/**
 * The request's sampling settings, checked, with defaults: the model card's sampler, guidance and (for
 * its own sampler) steps; SAMPLER_DEFAULT_STEPS for another sampler; seed 0.
 */
export function samplingSettings(
  contract: ModelContract,
  request: Partial<SamplingSettings>,
): SamplingSettings {
  const defaults = contract.sampler;
  const sampler = request.sampler ?? defaults.name;
  if (!isSamplerName(sampler)) {
    throw new InvalidRequestError('sampler', `must be one of ${SAMPLER_NAMES.join(', ')}, got "${sampler}"`);
  }
  const settings = {
    seed: request.seed ?? 0,
    steps: request.steps ?? (sampler === defaults.name ? defaults.steps : SAMPLER_DEFAULT_STEPS[sampler]),
    sampler,
    guidance: request.guidance ?? defaults.guidanceScale,
  };
  if (!Number.isSafeInteger(settings.seed) || settings.seed < 0) {
    throw new InvalidRequestError('seed', `must be a non-negative integer, got ${settings.seed}`);
  }
  if (!Number.isInteger(settings.steps) || settings.steps < 1 || settings.steps > 1000) {
    throw new InvalidRequestError('steps', `must be an integer from 1 to 1000, got ${settings.steps}`);
  }
  if (!(Number.isFinite(settings.guidance) && settings.guidance >= 0)) {
    throw new InvalidRequestError('guidance', `must be a number >= 0, got ${settings.guidance}`);
  }
  return settings;
}

export interface SampleOptions {
  modelSamples: number;
  settings: SamplingSettings;
  /** Replaces the seeded initial noise (before scaling by the first sigma); the parity test replays the trainer's. */
  initial?: Float32Array;
  /** Replaces the seeded per-step noise. */
  noise?: NoiseSource;
  onStep?: (info: StepInfo) => void;
  signal?: AbortSignal;
}

/** Runs the sampler over the guided ONNX denoiser; returns one row [channels, modelSamples] at the model's rate. */
export async function sampleAudio(
  model: LoadedModel,
  contexts: EncodedConditions,
  options: SampleOptions,
): Promise<Float32Array> {
  const { contract } = model;
  const { settings } = options;
  const length = contract.channels * options.modelSamples;
  const sigmas = karrasSigmas(settings.steps, contract.sampler);
  const start = options.initial ?? initialNoise(settings.seed, length);
  if (start.length !== length)
    throw new RangeError(`initial noise has ${start.length} values, need ${length}`);
  const x = start.map((v) => v * sigmas[0]);
  const denoise = classifierFreeGuidance(onnxBatchDenoiser(model, contexts), settings.guidance);
  return SAMPLERS[settings.sampler](denoise, x, sigmas, {
    noise: options.noise ?? seededNoise(settings.seed),
    onStep: options.onStep,
    signal: options.signal,
  });
}

/** What one step reports to a caller that only follows progress (no sample arrays). */
export type StepProgress = Pick<StepInfo, 'step' | 'steps' | 'sigma' | 'sigmaNext'>;

/**
 * The heavy half of generation, after the request is checked and its conditions computed: the conditioner
 * once, the sampler, post-processing to the output rate and length. Returns the mono output samples.
 */
export async function renderConditions(
  model: LoadedModel,
  conditions: ModelConditions,
  settings: SamplingSettings,
  hooks: { onStep?: (info: StepInfo) => void; signal?: AbortSignal } = {},
): Promise<Float32Array> {
  const contexts = await encodeConditions(model, conditions);
  const raw = await sampleAudio(model, contexts, {
    modelSamples: conditions.lengths.modelSamples,
    settings,
    onStep: hooks.onStep,
    signal: hooks.signal,
  });
  return postProcess(raw, model.contract, conditions.lengths.outputSamples);
}

/**
 * A soundtrack for a pose track: mono Float32Array at 22050 Hz of exactly round(seconds * 22050)
 * samples. Throws InvalidPoseTrack (libs/rhythm) for a bad track, RequestMismatchError for a genre or
 * condition the model does not take, InvalidRequestError for bad settings, GenerationCancelledError.
 */
export async function generateSoundtrack(request: GenerateSoundtrackRequest): Promise<Soundtrack> {
  const { model } = request;
  const seconds = request.seconds ?? DEFAULT_SECONDS;
  const settings = samplingSettings(model.contract, request);
  const conditions = conditionsFromPoses(model.contract, request.poses, request.genre, seconds);
  const audio = await renderConditions(model, conditions, settings, request);
  return soundtrackOf(model.contract, settings, seconds, audio);
}

export function soundtrackOf(
  contract: ModelContract,
  settings: SamplingSettings,
  seconds: number,
  audio: Float32Array,
): Soundtrack {
  return {
    ...settings,
    audio,
    sampleRate: contract.outputSampleRate,
    seconds,
    modelVersion: contract.version,
  };
}
