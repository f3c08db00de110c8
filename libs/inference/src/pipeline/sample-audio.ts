// One run of the sampler over the guided ONNX denoiser, for one request or one window of a long one.
import type { LoadedModel } from '../model/load-model';
import type { SamplingSettings } from '../request/sampling-settings';
import { classifierFreeGuidance } from '../sampling/guidance';
import type { KnownRegion } from '../sampling/known-region';
import { initialNoise, NoiseSource, seededNoise } from '../sampling/random';
import { karrasSigmas, SAMPLERS, StepInfo } from '../sampling/sampling';
import { EncodedConditions, onnxBatchDenoiser } from './onnx-denoiser';

export interface SampleOptions {
  modelSamples: number;
  settings: SamplingSettings;
  /** Replaces the seeded initial noise (before scaling by the first sigma); the parity test replays the trainer's. */
  initial?: Float32Array;
  /** Replaces the seeded per-step noise. */
  noise?: NoiseSource;
  /** The start of x held to known audio while sampling (a window continuing the one before). */
  known?: KnownRegion;
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
  const denoise = classifierFreeGuidance(
    onnxBatchDenoiser(model, contexts),
    settings.guidance,
    contract.sampler.guidanceInterval,
  );
  return SAMPLERS[settings.sampler](denoise, x, sigmas, {
    noise: options.noise ?? seededNoise(settings.seed),
    onStep: options.onStep,
    signal: options.signal,
    known: options.known,
  });
}
