// Continuation by replacement, the inpainting of diffusion models without retraining: part of the
// signal is known (here the end of the previous window of a long soundtrack), and before every sampler
// step that part of the state x is overwritten with the known signal noised to the step's sigma, so the
// denoiser sees a state whose known part is exactly what the forward process would have made of it and
// fills in the rest consistently with it. This is the "replacement" method of Song et al. (2021,
// "Score-Based Generative Modeling through Stochastic Differential Equations", section 5 and appendix
// I.2), as RePaint (Lugmayr et al. 2022, "RePaint: Inpainting using Denoising Diffusion Probabilistic
// Models", eq. 8) uses it, and as audio continuation applies it on the time axis. RePaint's
// resampling (jumping back and re-denoising) is not done: it would multiply the denoiser calls.
import type { NoiseSource } from './random';

/**
 * The first `length` samples of every channel of a state laid out [channels, rowLength] are known:
 * `values` holds them [channels, length], in the model's sample domain (before any post-processing).
 */
export interface KnownRegion {
  values: Float32Array;
  channels: number;
  length: number;
  rowLength: number;
  /** Fresh standard normal noise for step i's re-noising: `channels * length` values. */
  noise: NoiseSource;
}

/** Overwrites the known part of `x` (in place) with the known values noised to `sigma`. */
export function replaceKnown(x: Float32Array, known: KnownRegion, sigma: number, step: number): void {
  const { channels, length, rowLength, values } = known;
  if (values.length !== channels * length || x.length !== channels * rowLength || length > rowLength) {
    throw new RangeError(
      `known region of ${channels} x ${length} (${values.length} values) does not fit a state of ${x.length} values in rows of ${rowLength}`,
    );
  }
  const eps = known.noise(step, channels * length);
  for (let c = 0; c < channels; c++) {
    const row = c * rowLength;
    const from = c * length;
    for (let j = 0; j < length; j++) x[row + j] = values[from + j] + sigma * eps[from + j];
  }
}
