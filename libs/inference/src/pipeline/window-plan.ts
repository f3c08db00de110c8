// Where the windows of a long request sit on the model's time axis. Windows start on the rhythm-token
// grid, so each window's rhythm tokens are an exact slice of the request's and the time-aligned rhythm
// channels (which map tokens to samples by rates from the window's start) land where they belong.
import type { ModelContract } from '../model/model-contract';

export interface GenerationWindow {
  index: number;
  /** First sample of the window at the model's rate, on the request's time axis. */
  start: number;
  /** Samples of the window's state x: the window length, or the padded rest for the last window. */
  samples: number;
  /** Samples of the window that hold audio the request wants (less than `samples` only in the last). */
  wantedSamples: number;
  /** Samples at the window's start shared with the window before (0 for the first). */
  overlap: number;
  /** Index of the window's first rhythm token in the request's rhythm. */
  tokenOffset: number;
}

type PlanContract = Pick<ModelContract, 'sampleRate' | 'lengthMultiple' | 'rhythm' | 'windows'>;

/** Whether a request of `modelSamples` (padded) takes more than one window. */
export function needsWindows(contract: Pick<ModelContract, 'windows'>, modelSamples: number): boolean {
  return modelSamples > contract.windows.samples;
}

/**
 * The windows covering `totalSamples` samples at the model's rate: window k starts k * hop tokens into
 * the rhythm, hop being the window less the overlap rounded down to whole tokens (so the overlap is at
 * least the card's); the last window is shortened to what is left, padded to lengthMultiple. One window
 * when the request fits in one.
 */
export function planWindows(
  contract: PlanContract,
  totalSamples: number,
  overlapSamples = contract.windows.overlapSamples,
): GenerationWindow[] {
  const { sampleRate, lengthMultiple } = contract;
  const { samples: windowSamples } = contract.windows;
  if (!(Number.isInteger(overlapSamples) && overlapSamples > 0 && overlapSamples < windowSamples)) {
    throw new RangeError(`overlap must be 1 to ${windowSamples - 1} samples, got ${overlapSamples}`);
  }
  const samplesPerToken = sampleRate / contract.rhythm.rate;
  const hopTokens = Math.floor((windowSamples - overlapSamples) / samplesPerToken);
  if (hopTokens < 1) {
    throw new RangeError(`a window of ${windowSamples} samples less ${overlapSamples} holds no rhythm token`);
  }
  const windows: GenerationWindow[] = [];
  let previousEnd = 0;
  for (let index = 0; ; index++) {
    const tokenOffset = index * hopTokens;
    const start = Math.round(tokenOffset * samplesPerToken);
    const wantedSamples = Math.min(windowSamples, totalSamples - start);
    const samples = Math.ceil(wantedSamples / lengthMultiple) * lengthMultiple;
    windows.push({ index, start, samples, wantedSamples, overlap: previousEnd - start, tokenOffset });
    if (start + windowSamples >= totalSamples) return windows;
    previousEnd = start + windowSamples;
  }
}

/**
 * Where a request of `seconds` is joined, in seconds from its start: the centre of each crossfade (none
 * for a request that fits in one window). What the seam score (libs/metrics) measures at.
 */
export function seamTimes(
  contract: PlanContract,
  modelSamples: number,
  overlapSamples = contract.windows.overlapSamples,
): number[] {
  if (!needsWindows(contract, modelSamples)) return [];
  return planWindows(contract, modelSamples, overlapSamples)
    .slice(1)
    .map((w) => (w.start + w.overlap / 2) / contract.sampleRate);
}
