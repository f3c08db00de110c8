// The generation pipeline, shared by the CLI and the worker so both give the same bytes for a seed:
// conditions from poses, the conditioner once, the sampler over the guided denoiser, post-processing.
import type { LoadedModel } from '../model/load-model';
import type { ModelContract } from '../model/model-contract';
import type { SamplingSettings } from '../request/sampling-settings';
import { classifierFreeGuidance } from '../sampling/guidance';
import { initialNoise, NoiseSource, seededNoise } from '../sampling/random';
import { karrasSigmas, SAMPLERS, StepInfo } from '../sampling/sampling';
import type { ModelConditions } from './conditions';
import { EncodedConditions, encodeConditions, onnxBatchDenoiser } from './onnx-denoiser';
import { postProcess } from './post-process';
import { type GenerationRequest, prepareGeneration } from './prepare-generation';

export interface GenerateSoundtrackRequest extends GenerationRequest {
  model: LoadedModel;
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
 * samples, `seconds` defaulting to the track's length (capped at MAX_REQUEST_SECONDS). The request's
 * defaults and checks are resolveSoundtrackRequest's. Throws InvalidPoseTrack (libs/rhythm) for a bad
 * track, InvalidRequestError for text that is not JSON or bad settings, RequestMismatchError for a genre
 * or condition the model does not take, GenerationCancelledError.
 */
export async function generateSoundtrack(request: GenerateSoundtrackRequest): Promise<Soundtrack> {
  const { model } = request;
  const { seconds, settings, conditions } = prepareGeneration(model.contract, request);
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
