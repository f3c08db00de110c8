// What generation reports after every sampler step: the sampler's step within the current window, and
// which window of how many (a request no longer than one window is window 0 of 1).
import type { StepInfo } from '../sampling/sampling';

export interface WindowProgress {
  /** 0-based index of the window being sampled. */
  window: number;
  windows: number;
}

/** A sampler step of one window, with the sample arrays (in-process callers). */
export type GenerationStep = StepInfo & WindowProgress;

/** What one step reports to a caller that only follows progress (no sample arrays). */
export type StepProgress = Pick<StepInfo, 'step' | 'steps' | 'sigma' | 'sigmaNext'> & WindowProgress;

/** The share of the whole generation done once `progress`'s step has finished, in (0, 1]. */
export function generationFraction(
  progress: Pick<StepProgress, 'step' | 'steps'> & Partial<WindowProgress>,
): number {
  const window = progress.window ?? 0;
  const windows = progress.windows ?? 1;
  return (window * progress.steps + progress.step + 1) / (windows * progress.steps);
}
