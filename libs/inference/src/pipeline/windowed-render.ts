// A request longer than the model's window, generated as windows of the model's native length that
// continue each other (docs/model-contract.md, "Long requests"). Window k + 1 starts inside window k:
// that overlap is held to window k's audio while it is sampled (inpainting by replacement,
// sampling/known-region.ts), each window is conditioned on its own stretch of the request's conditions,
// and the windows are joined by a crossfade over the overlap. Only one window's state lives at a time,
// so the memory a request needs beyond its output buffer does not grow with its length, and the time
// grows linearly with it.
import { GenerationCancelledError } from '../inference.errors';
import type { LoadedModel } from '../model/load-model';
import type { SamplingSettings } from '../request/sampling-settings';
import type { KnownRegion } from '../sampling/known-region';
import { knownRegionNoise, windowSeed } from '../sampling/random';
import type { ModelConditions } from './conditions';
import { crossfadeInto } from './crossfade';
import type { GenerationStep } from './generation-progress';
import { encodeConditions, type EncodedConditions } from './onnx-denoiser';
import { monoAtModelRate, monoToOutput } from './post-process';
import { sampleAudio } from './sample-audio';
import { windowConditions } from './window-conditions';
import { type GenerationWindow, planWindows } from './window-plan';

export interface WindowedRenderHooks {
  onStep?: (info: GenerationStep) => void;
  signal?: AbortSignal;
  /** Samples of overlap between windows (default: the card's windows.overlapSamples). */
  overlapSamples?: number;
  /** Called with each window's raw sampler output [channels, samples] (tests of the continuation). */
  onWindow?: (window: GenerationWindow, raw: Float32Array) => void;
  /**
   * Rewrites each window's encoded conditions before sampling: the benchmark's ablation row swaps the
   * rhythm for the learned null condition (withNullContexts) on exactly the path requests take.
   */
  contexts?: (encoded: EncodedConditions) => EncodedConditions;
}

/**
 * The last `length` samples of every channel of a window's raw output [channels, rowLength], laid out
 * [channels, length]: what the next window must continue.
 */
function tailOf(raw: Float32Array, channels: number, from: number, length: number): Float32Array {
  const rowLength = raw.length / channels;
  const out = new Float32Array(channels * length);
  for (let c = 0; c < channels; c++)
    out.set(raw.subarray(c * rowLength + from, c * rowLength + from + length), c * length);
  return out;
}

/**
 * Renders the request's conditions window by window; returns `conditions.lengths.outputSamples` mono
 * samples at the output rate. Seeds are per window (windowSeed), so the bytes are a function of the
 * request's seed. A cancel takes effect at the next denoiser call, as in one window.
 */
export async function renderWindows(
  model: LoadedModel,
  conditions: ModelConditions,
  settings: SamplingSettings,
  hooks: WindowedRenderHooks = {},
): Promise<Float32Array> {
  const { contract } = model;
  const { channels } = contract;
  const total = conditions.lengths.modelSamples;
  const windows = planWindows(contract, total, hooks.overlapSamples);
  // The whole request at the model's rate, mono: the windows are crossfaded into it, then it is resampled
  // once (resampling window by window would ring at every join).
  const mono = new Float32Array(total);
  let previous: { window: GenerationWindow; raw: Float32Array } | undefined;
  for (const window of windows) {
    const first = window.index * settings.steps;
    if (hooks.signal?.aborted) throw new GenerationCancelledError(first);
    const encoded = await encodeConditions(model, windowConditions(contract, conditions, window));
    const contexts = hooks.contexts ? hooks.contexts(encoded) : encoded;
    const seed = windowSeed(settings.seed, window.index);
    const known: KnownRegion | undefined = previous && {
      values: tailOf(previous.raw, channels, window.start - previous.window.start, window.overlap),
      channels,
      length: window.overlap,
      rowLength: window.samples,
      noise: knownRegionNoise(seed),
    };
    let raw: Float32Array;
    try {
      raw = await sampleAudio(model, contexts, {
        modelSamples: window.samples,
        settings: { ...settings, seed },
        known,
        signal: hooks.signal,
        onStep:
          hooks.onStep &&
          ((info) => hooks.onStep?.({ ...info, window: window.index, windows: windows.length })),
      });
    } catch (error) {
      // The step of the whole request, so "cancelled at step N" counts over all windows.
      if (error instanceof GenerationCancelledError) throw new GenerationCancelledError(first + error.step);
      throw error;
    }
    hooks.onWindow?.(window, raw);
    crossfadeInto(
      mono,
      monoAtModelRate(raw, contract).subarray(0, window.wantedSamples),
      window.start,
      window.overlap,
    );
    previous = { window, raw };
  }
  return monoToOutput(mono, contract, conditions.lengths.outputSamples);
}
