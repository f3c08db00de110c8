import { checkConfidenceThreshold } from './pose-features';
import { type AngleBinning, directogram } from './directogram';
import { onsetEnvelope } from './onset-envelope';
import {
  type PaperPeakParams,
  pickPeaksPaper,
  pickPeaksReference,
  type ReferencePeakParams,
} from './peak-picking';
import { DEFAULT_CONFIDENCE_THRESHOLD, packPoseTrack } from './pose-track';
import { InvalidRhythmOptions } from './rhythm.errors';

export const RHYTHM_VARIANTS = ['paper', 'reference'] as const;
export type RhythmVariant = (typeof RHYTHM_VARIANTS)[number];

export interface PaperRhythmParams extends PaperPeakParams {
  bins: number;
  binning: 'sectors';
  confidenceThreshold: number;
}

export interface ReferenceRhythmParams extends ReferencePeakParams {
  bins: number;
  binning: 'degrees';
  confidenceThreshold: number;
}

/** Paper section 3.2 and appendix B.3: K = 10, max 3/3, average 2/2, delta 0.2, wait 1. */
export const PAPER_RHYTHM_PARAMS: Readonly<PaperRhythmParams> = Object.freeze({
  bins: 10,
  binning: 'sectors',
  preMax: 3,
  postMax: 3,
  preAvg: 2,
  postAvg: 2,
  delta: 0.2,
  wait: 1,
  confidenceThreshold: DEFAULT_CONFIDENCE_THRESHOLD,
});

/** The released code's RhythmEncoder as configured for the checkpoints (fixtures README). */
export const REFERENCE_RHYTHM_PARAMS: Readonly<ReferenceRhythmParams> = Object.freeze({
  bins: 10,
  binning: 'degrees',
  preMax: 3,
  postMax: 3,
  preAvg: 2,
  postAvg: 2,
  threshold: 0.1,
  confidenceThreshold: DEFAULT_CONFIDENCE_THRESHOLD,
});

type Tunable<P> = Partial<Omit<P, 'binning'>>;

export type RhythmOptions =
  | ({ variant?: 'paper' } & Tunable<PaperRhythmParams>)
  | ({ variant: 'reference' } & Tunable<ReferenceRhythmParams>);

interface RhythmBase {
  fps: number;
  /**
   * envelope[i] and peaks[i] belong to pose frame i + frameOffset (always 1): value i compares the
   * motion from frame i to i + 1 with the motion from i + 1 to i + 2, so the change it measures
   * happens at frame i + 1. The released code feeds the same T - 2 vector to the model as is.
   */
  frameOffset: 1;
  /** T - 2 values in [0, 1]. */
  envelope: Float64Array;
  /** T - 2 binary values, 1 at a rhythm peak. */
  peaks: Uint8Array;
  /** Pose frame of each peak: its index in `peaks` + frameOffset. */
  peakFrames: number[];
  /** peakFrames / fps, in seconds from the first pose frame. */
  peakTimes: number[];
}

export type VisualRhythm =
  | (RhythmBase & { variant: 'paper'; params: PaperRhythmParams })
  | (RhythmBase & { variant: 'reference'; params: ReferenceRhythmParams });

export type ResolvedRhythmParams =
  { variant: 'paper'; params: PaperRhythmParams } | { variant: 'reference'; params: ReferenceRhythmParams };

const FRAME_OFFSET = 1;
const WINDOW_KEYS = ['preMax', 'postMax', 'preAvg', 'postAvg'] as const;

function invalid(message: string): InvalidRhythmOptions {
  return new InvalidRhythmOptions('RHYTHM_OPTION_INVALID', message);
}

function checkCommon(params: PaperRhythmParams | ReferenceRhythmParams): void {
  if (!Number.isInteger(params.bins) || params.bins < 1 || params.bins > 360) {
    throw invalid(`bins must be an integer in [1, 360], got ${params.bins}`);
  }
  for (const key of WINDOW_KEYS) {
    if (!Number.isInteger(params[key]) || params[key] < 0) {
      throw invalid(`${key} must be a non-negative integer number of frames, got ${params[key]}`);
    }
  }
  checkConfidenceThreshold(params.confidenceThreshold);
}

function checkNonNegative(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0)
    throw invalid(`${name} must be a finite number >= 0, got ${value}`);
}

/** The variant's defaults with the caller's overrides, checked. */
export function resolveRhythmParams(options: RhythmOptions = {}): ResolvedRhythmParams {
  const { variant = 'paper', ...overrides } = options;
  if (variant === 'paper') {
    const params: PaperRhythmParams = { ...PAPER_RHYTHM_PARAMS, ...overrides, binning: 'sectors' };
    checkCommon(params);
    checkNonNegative('delta', params.delta);
    if (!Number.isInteger(params.wait) || params.wait < 0) {
      throw invalid(`wait must be a non-negative integer number of frames, got ${params.wait}`);
    }
    return { variant, params };
  }
  if (variant === 'reference') {
    const params: ReferenceRhythmParams = { ...REFERENCE_RHYTHM_PARAMS, ...overrides, binning: 'degrees' };
    checkCommon(params);
    if (params.preAvg + params.postAvg < 1 || params.preMax + params.postMax < 1) {
      throw invalid(
        'the reference variant needs windows of at least one frame (preAvg + postAvg, preMax + postMax)',
      );
    }
    checkNonNegative('threshold', params.threshold);
    return { variant, params };
  }
  throw new InvalidRhythmOptions(
    'RHYTHM_UNKNOWN_VARIANT',
    `unknown rhythm variant ${JSON.stringify(variant)}; use one of ${RHYTHM_VARIANTS.join(', ')}`,
  );
}

/**
 * Visual rhythm of a pose track (paper section 3.2): motions, directogram (eq. 4-5), onset envelope
 * (eq. 6) and peak picking (eq. 7), with the variant and its parameters recorded in the result.
 */
export function visualRhythm(track: unknown, options: RhythmOptions = {}): VisualRhythm {
  const resolved = resolveRhythmParams(options);
  const packed = packPoseTrack(track, { minFrames: 3 });
  const { params } = resolved;
  const binning: AngleBinning = params.binning;
  const rows = directogram(packed, params.bins, binning, params.confidenceThreshold);
  const envelope = onsetEnvelope(rows, params.bins);
  const peaks = new Uint8Array(envelope.length);
  if (resolved.variant === 'paper') pickPeaksPaper(envelope, resolved.params, peaks);
  else pickPeaksReference(envelope, resolved.params, peaks);
  const peakFrames: number[] = [];
  const peakTimes: number[] = [];
  for (let i = 0; i < peaks.length; i++) {
    if (!peaks[i]) continue;
    peakFrames.push(i + FRAME_OFFSET);
    peakTimes.push((i + FRAME_OFFSET) / packed.fps);
  }
  const base: RhythmBase = {
    fps: packed.fps,
    frameOffset: FRAME_OFFSET,
    envelope,
    peaks,
    peakFrames,
    peakTimes,
  };
  return resolved.variant === 'paper' ? { ...base, ...resolved } : { ...base, ...resolved };
}
