// The generation pipeline, shared by the CLI and the worker so both give the same bytes for a seed:
// conditions from poses, the conditioner once, the sampler over the guided denoiser, post-processing.
import type { LoadedModel } from '../model/load-model';
import type { ModelContract } from '../model/model-contract';
import type { SamplingSettings } from '../request/sampling-settings';
import type { ModelConditions } from './conditions';
import type { GenerationStep } from './generation-progress';
import { encodeConditions } from './onnx-denoiser';
import { postProcess } from './post-process';
import { type GenerationRequest, prepareGeneration } from './prepare-generation';
import { sampleAudio } from './sample-audio';
import { requestLengths } from '../model/check-request';
import { needsWindows, seamTimes } from './window-plan';
import { renderWindows, type WindowedRenderHooks } from './windowed-render';

export { sampleAudio, type SampleOptions } from './sample-audio';
export type { GenerationStep, StepProgress, WindowProgress } from './generation-progress';

export interface GenerateSoundtrackRequest extends GenerationRequest {
  model: LoadedModel;
  /** After every sampler step of every window ("window 3 of 14, step 7 of 20"). */
  onStep?: (info: GenerationStep) => void;
  signal?: AbortSignal;
  /** Samples shared by consecutive windows of a long request (default: the card's windows.overlapSamples). */
  overlapSamples?: number;
}

export interface Soundtrack extends SamplingSettings {
  /** Mono samples in [-1, 1] at sampleRate. */
  audio: Float32Array;
  sampleRate: number;
  seconds: number;
  modelVersion: string;
  /** Windows the request was generated in (1 when it fits in the model's window). */
  windows: number;
  /** Where the windows are joined, seconds from the start: the crossfades' centres (seamTimes). */
  seams: number[];
}

/**
 * The heavy half of generation, after the request is checked and its conditions computed: the conditioner
 * once, the sampler, post-processing to the output rate and length. Returns the mono output samples. A
 * request longer than the model's window is rendered window by window (renderWindows); one that fits
 * takes the single-window path below, unchanged, so its bytes are what they always were.
 */
export async function renderConditions(
  model: LoadedModel,
  conditions: ModelConditions,
  settings: SamplingSettings,
  hooks: WindowedRenderHooks = {},
): Promise<Float32Array> {
  if (needsWindows(model.contract, conditions.lengths.modelSamples)) {
    return renderWindows(model, conditions, settings, hooks);
  }
  const { onStep } = hooks;
  const encoded = await encodeConditions(model, conditions);
  const contexts = hooks.contexts ? hooks.contexts(encoded) : encoded;
  const raw = await sampleAudio(model, contexts, {
    modelSamples: conditions.lengths.modelSamples,
    settings,
    onStep: onStep && ((info) => onStep({ ...info, window: 0, windows: 1 })),
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
  return soundtrackOf(model.contract, settings, seconds, audio, request.overlapSamples);
}

export function soundtrackOf(
  contract: ModelContract,
  settings: SamplingSettings,
  seconds: number,
  audio: Float32Array,
  overlapSamples?: number,
): Soundtrack {
  const seams = seamTimes(contract, requestLengths(contract, seconds).modelSamples, overlapSamples);
  return {
    ...settings,
    audio,
    sampleRate: contract.outputSampleRate,
    seconds,
    modelVersion: contract.version,
    windows: seams.length + 1,
    seams,
  };
}
