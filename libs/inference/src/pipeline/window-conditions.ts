// A window's stretch of the request's conditions. The conditions (rhythm, visual features) are computed
// once for the whole request from the whole pose track, and every window takes its time range from
// them: no condition is computed twice, and the peak-picking and feature smoothing see the track's real
// neighbourhood at a window's edges rather than an edge of their own.
import { contextLength, type RequestLengths } from '../model/check-request';
import type { ModelContract } from '../model/model-contract';
import type { ModelConditions } from './conditions';
import type { GenerationWindow } from './window-plan';

type SliceContract = Pick<ModelContract, 'sampleRate' | 'outputSampleRate' | 'visual' | 'rhythm'>;

/** The window's condition lengths, as requestLengths gives them for a request of the window's length. */
export function windowLengths(contract: SliceContract, window: GenerationWindow): RequestLengths {
  const seconds = window.wantedSamples / contract.sampleRate;
  return {
    visualFrames: contextLength(seconds, contract.visual.rate),
    rhythmTokens: contextLength(seconds, contract.rhythm.rate),
    modelSamples: window.samples,
    outputSamples: Math.round(seconds * contract.outputSampleRate),
  };
}

/**
 * Rhythm tokens from `offset` (the window starts on the token grid, so the slice is exact). Past the
 * request's last token (rounding of the last window's length) there is no peak.
 */
function sliceRhythm(rhythm: Float32Array, offset: number, count: number): Float32Array {
  const out = new Float32Array(count);
  out.set(rhythm.subarray(offset, Math.min(rhythm.length, offset + count)));
  return out;
}

/**
 * `count` rows of `dim` values starting at fractional row `position`, linearly interpolated between the
 * request's rows (the rows are already a linear resampling of the pose features, so this is the same
 * interpolation shifted), the last row held past the end.
 */
function sliceRows(rows: Float32Array, dim: number, position: number, count: number): Float32Array {
  const last = rows.length / dim - 1;
  const out = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) {
    const at = Math.min(Math.max(position + i, 0), last);
    const r0 = Math.floor(at);
    const r1 = Math.min(r0 + 1, last);
    const w = at - r0;
    for (let d = 0; d < dim; d++) {
      const a = rows[r0 * dim + d];
      out[i * dim + d] = w === 0 ? a : a + w * (rows[r1 * dim + d] - a);
    }
  }
  return out;
}

/** The conditions of one window, cut from the request's at the window's time range. */
export function windowConditions(
  contract: SliceContract,
  conditions: ModelConditions,
  window: GenerationWindow,
): ModelConditions {
  const lengths = windowLengths(contract, window);
  const startSeconds = window.start / contract.sampleRate;
  return {
    lengths,
    visual: sliceRows(
      conditions.visual,
      contract.visual.dim,
      startSeconds * contract.visual.rate,
      lengths.visualFrames,
    ),
    rhythm: sliceRhythm(conditions.rhythm, window.tokenOffset, lengths.rhythmTokens),
    genre: conditions.genre,
  };
}
