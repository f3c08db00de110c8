// From the sampler's final state to delivered audio (paper appendix A.3): training audio was mono,
// duplicated to the backbone's channels and multiplied by audioScale, so generation divides by that
// scale, clips to the valid range, averages the channels back to mono, and resamples to the platform's
// 22050 Hz when the network runs at another rate.
import { downmixToMono, resample } from '@loris/audio';
import type { ModelContract } from '../model/model-contract';

function clip(x: Float32Array): Float32Array {
  for (let i = 0; i < x.length; i++) x[i] = x[i] > 1 ? 1 : x[i] < -1 ? -1 : x[i];
  return x;
}

export type AudioLayout = Pick<ModelContract, 'channels' | 'audioScale' | 'sampleRate' | 'outputSampleRate'>;

/**
 * `x` is one row [channels, S] of the sampler's output at the model's rate; the result is `samples`
 * mono samples at outputSampleRate (cut, or padded with silence if the network produced fewer).
 */
export function postProcess(x: Float32Array, layout: AudioLayout, samples: number): Float32Array {
  return monoToOutput(monoAtModelRate(x, layout), layout, samples);
}

/** The first half of postProcess: one row [channels, S] unscaled, clipped and mixed to mono, at the model's rate. */
export function monoAtModelRate(x: Float32Array, layout: AudioLayout): Float32Array {
  const length = x.length / layout.channels;
  if (!Number.isInteger(length)) {
    throw new RangeError(
      `the sampler output has ${x.length} values, not a multiple of ${layout.channels} channels`,
    );
  }
  const channels: Float32Array[] = [];
  for (let c = 0; c < layout.channels; c++) {
    const channel = x.slice(c * length, (c + 1) * length);
    for (let i = 0; i < length; i++) channel[i] /= layout.audioScale;
    channels.push(clip(channel));
  }
  return downmixToMono(channels);
}

/** The second half of postProcess: mono at the model's rate to `samples` samples at outputSampleRate. */
export function monoToOutput(mono: Float32Array, layout: AudioLayout, samples: number): Float32Array {
  const atOutputRate =
    layout.sampleRate === layout.outputSampleRate
      ? mono
      : resample(mono, layout.sampleRate, layout.outputSampleRate);
  const out = new Float32Array(samples);
  out.set(atOutputRate.subarray(0, samples));
  // The band-limited resampler rings around clipped samples; keep the promise of [-1, 1].
  if (atOutputRate !== mono) clip(out);
  return out;
}
