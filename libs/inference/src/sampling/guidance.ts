// Classifier-free guidance (Ho and Salimans 2022) as a denoiser wrapper, so every sampler gets it for free.
import { Denoiser } from './sampling';

/**
 * A denoiser over a batch of rows: `x` holds `rows` equal-sized rows one after the other and the result
 * has the same layout. The caller binds each row to its condition (row 0 conditional, row 1 the learned
 * null condition).
 */
export type BatchDenoiser = (x: Float32Array, sigma: number, rows: number) => Promise<Float32Array>;

/**
 * The noise levels where guidance applies (Kynkäänniemi et al. 2024, "Applying guidance in a limited
 * interval"): at the highest levels a strong guidance pulls every sample towards one layout, and at the
 * lowest it only sharpens detail past what the data has; outside the interval the plain conditional
 * denoiser answers, in half the network's time.
 */
export interface GuidanceInterval {
  sigmaMin: number;
  sigmaMax: number;
}

/**
 * D_w(x) = D(x; null) + w (D(x; c) - D(x; null)), as the released LORIS code applies it (w = 20 in the
 * paper), at every noise level or only at those within `interval` (both ends included). The conditional
 * and unconditional rows go through the network in one batched call, which costs far less than two calls
 * of batch 1 on a CPU. w = 1 is the plain conditional denoiser and skips the unconditional row.
 */
export function classifierFreeGuidance(
  denoiseBatch: BatchDenoiser,
  scale: number,
  interval?: GuidanceInterval,
): Denoiser {
  if (!Number.isFinite(scale)) throw new RangeError(`guidance scale must be finite, got ${scale}`);
  if (interval && !(interval.sigmaMin >= 0 && interval.sigmaMax >= interval.sigmaMin)) {
    throw new RangeError(
      `a guidance interval runs from a sigma >= 0 to one no lower, got [${interval.sigmaMin}, ${interval.sigmaMax}]`,
    );
  }
  const conditional: Denoiser = (x, sigma) => denoiseBatch(x, sigma, 1);
  if (scale === 1) return conditional;
  const guided = guidedBatch(denoiseBatch, scale);
  if (!interval) return guided;
  return (x, sigma) =>
    sigma >= interval.sigmaMin && sigma <= interval.sigmaMax ? guided(x, sigma) : conditional(x, sigma);
}

function guidedBatch(denoiseBatch: BatchDenoiser, scale: number): Denoiser {
  // The batched input is rebuilt in one buffer per wrapper: a sampler awaits each call before the next,
  // and the network has read it by then. The result must be fresh: samplers keep earlier estimates.
  let batch = new Float32Array(0);
  return async (x, sigma) => {
    const n = x.length;
    if (batch.length !== 2 * n) batch = new Float32Array(2 * n);
    batch.set(x, 0);
    batch.set(x, n);
    const both = await denoiseBatch(batch, sigma, 2);
    if (both.length !== 2 * n) {
      throw new RangeError(`the batched denoiser returned ${both.length} values, expected ${2 * n}`);
    }
    const out = new Float32Array(n);
    for (let k = 0; k < n; k++) {
      const uncond = both[n + k];
      out[k] = uncond + (both[k] - uncond) * scale;
    }
    return out;
  };
}
