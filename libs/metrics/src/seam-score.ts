// Whether the joints of a soundtrack generated in windows can be heard. A joint is audible when the
// music changes more across it than it changes anywhere else, so every statistic is taken at the seams
// and at the same number of points or more inside the windows, and reported side by side:
// - spectral change: the distance between the mean log-mel spectrum of the span just before a point and
//   that of the span just after it (dB per band);
// - onset density and tempo in the spans before and after a point (a window that starts at another
//   density or tempo is a stitched piece, as users of 30 s systems report of 3-minute results);
// - the strict onset F-measure against the visual rhythm near the seams and away from them.
// Pure computation on an analysis the caller made (libs/audio's log-mel spectrogram and onset times;
// libs/audio's own specs use this library, so it cannot use libs/audio): no I/O.
import { onsetFMeasure, type OnsetFMeasure } from './onset-f-measure';
import { InvalidMetricsInput } from './metrics.errors';

export interface SeamScoreOptions {
  /** Length of the spans compared before and after a point, in seconds (default 0.5 for the spectrum). */
  spectrumSpan?: number;
  /** Span over which onset density and tempo are measured on each side, in seconds (default 3). */
  rhythmSpan?: number;
  /** Points within this many seconds of a seam are "near" it (default 1.5). */
  nearSeconds?: number;
  /** Tolerance of the strict onset F-measure (default 70 ms, the metrics' default). */
  toleranceMs?: number;
}

export interface PointChange {
  /** The point, in seconds. */
  time: number;
  /** Spectral change across the point (mean absolute log-mel difference of the two spans, dB). */
  spectralChange: number;
  /** Onsets per second before and after the point. */
  densityBefore: number;
  densityAfter: number;
  /** Tempo from the median inter-onset interval before and after, BPM (null with fewer than 3 onsets). */
  tempoBefore: number | null;
  tempoAfter: number | null;
}

export interface ChangeSummary {
  points: number;
  meanSpectralChange: number;
  sdSpectralChange: number;
  /** Mean |density after - density before|, onsets per second. */
  meanDensityJump: number;
  /** Mean |tempo after - tempo before| over the points with both tempos, BPM (null when none has). */
  meanTempoJump: number | null;
}

export interface SeamScore {
  seams: PointChange[];
  interior: PointChange[];
  seamSummary: ChangeSummary;
  interiorSummary: ChangeSummary;
  /**
   * (mean seam change - mean interior change) / sd of the interior changes: 0 when seams change the
   * music as much as any point does, above 1-2 when they stand out.
   */
  spectralZ: number;
  /** Share of interior points whose spectral change is below the mean seam change (0.5: typical). */
  seamPercentile: number;
  /** Strict onset F against the visual rhythm within nearSeconds of a seam, and elsewhere (null: no rhythm given). */
  rhythmNearSeams: OnsetFMeasure | null;
  rhythmAwayFromSeams: OnsetFMeasure | null;
  /** The same over the whole soundtrack. */
  rhythmWhole: OnsetFMeasure | null;
}

/** A log-mel spectrogram in dB, frame-major: data[t * nMels + m], frame t at t / frameRate seconds. */
export interface LogMelSpectrogram {
  nMels: number;
  frames: number;
  data: Float32Array;
  /** Frames per second (sampleRate / hopLength). */
  frameRate: number;
}

export interface SeamScoreInput {
  spectrogram: LogMelSpectrogram;
  /** The soundtrack's onset times, seconds. */
  onsetTimes: readonly number[];
  /** Its length, seconds. */
  duration: number;
  /** Seam times in seconds (the centres of the crossfades). */
  seams: readonly number[];
  /**
   * Points inside the windows to compare against, seconds. Default: every 0.5 s at least nearSeconds away
   * from every seam and from the ends.
   */
  interior?: readonly number[];
  /** The visual rhythm's peak times, seconds, for the onset F-measure near and away from seams. */
  rhythmTimes?: readonly number[];
}

function mean(values: readonly number[]): number {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0;
}

function sd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
}

/** Mean absolute difference, per band, of the mean log-mel spectra of frames [a, b) and [b, c). */
function spanDistance(db: Float32Array, nMels: number, a: number, b: number, c: number): number {
  let total = 0;
  for (let m = 0; m < nMels; m++) {
    let before = 0;
    let after = 0;
    for (let t = a; t < b; t++) before += db[t * nMels + m];
    for (let t = b; t < c; t++) after += db[t * nMels + m];
    total += Math.abs(before / (b - a) - after / (c - b));
  }
  return total / nMels;
}

function tempo(onsets: readonly number[]): number | null {
  if (onsets.length < 3) return null;
  const gaps = onsets
    .slice(1)
    .map((t, i) => t - onsets[i])
    .sort((x, y) => x - y);
  const median = gaps[Math.floor(gaps.length / 2)];
  return median > 0 ? 60 / median : null;
}

function summarize(points: readonly PointChange[]): ChangeSummary {
  const changes = points.map((p) => p.spectralChange);
  const tempoJumps = points
    .filter((p) => p.tempoBefore !== null && p.tempoAfter !== null)
    .map((p) => Math.abs((p.tempoAfter as number) - (p.tempoBefore as number)));
  return {
    points: points.length,
    meanSpectralChange: mean(changes),
    sdSpectralChange: sd(changes),
    meanDensityJump: mean(points.map((p) => Math.abs(p.densityAfter - p.densityBefore))),
    meanTempoJump: tempoJumps.length ? mean(tempoJumps) : null,
  };
}

/** Points every `step` s inside [near, duration - near] at least `near` s away from every seam. */
export function interiorPoints(
  duration: number,
  seams: readonly number[],
  near: number,
  step = 0.5,
): number[] {
  const points: number[] = [];
  for (let t = near; t <= duration - near; t += step) {
    if (seams.every((s) => Math.abs(t - s) >= near)) points.push(t);
  }
  return points;
}

/** The seam score of a soundtrack (see the top of this file). */
export function seamScore(input: SeamScoreInput, options: SeamScoreOptions = {}): SeamScore {
  const { spectrogram: mel, seams, duration } = input;
  if (!(mel.frameRate > 0 && Number.isFinite(mel.frameRate))) {
    throw new InvalidMetricsInput(
      'METRICS_BAD_SAMPLE_RATE',
      `frame rate must be positive, got ${mel.frameRate}`,
    );
  }
  if (mel.frames === 0 || mel.data.length !== mel.frames * mel.nMels) {
    throw new InvalidMetricsInput(
      'METRICS_BAD_SAMPLE_COUNT',
      `a spectrogram of ${mel.frames} x ${mel.nMels} needs that many values, got ${mel.data.length}`,
    );
  }
  const spectrumSpan = options.spectrumSpan ?? 0.5;
  const rhythmSpan = options.rhythmSpan ?? 3;
  const near = options.nearSeconds ?? 1.5;
  const interior = input.interior ?? interiorPoints(duration, seams, near);
  const db = mel.data;
  const onsets = input.onsetTimes;
  const spanFrames = Math.max(1, Math.round(spectrumSpan * mel.frameRate));

  const change = (time: number): PointChange => {
    const at = Math.round(time * mel.frameRate);
    const a = Math.max(0, at - spanFrames);
    const c = Math.min(mel.frames, at + spanFrames);
    const spectralChange = at > a && c > at ? spanDistance(db, mel.nMels, a, at, c) : 0;
    const before = onsets.filter((t) => t >= time - rhythmSpan && t < time);
    const after = onsets.filter((t) => t >= time && t < time + rhythmSpan);
    const spanBefore = Math.min(rhythmSpan, time);
    const spanAfter = Math.min(rhythmSpan, duration - time);
    return {
      time,
      spectralChange,
      densityBefore: spanBefore > 0 ? before.length / spanBefore : 0,
      densityAfter: spanAfter > 0 ? after.length / spanAfter : 0,
      tempoBefore: tempo(before),
      tempoAfter: tempo(after),
    };
  };

  const seamChanges = seams.map(change);
  const interiorChanges = interior.map(change);
  const seamSummary = summarize(seamChanges);
  const interiorSummary = summarize(interiorChanges);
  const spread = interiorSummary.sdSpectralChange;
  const difference = seamSummary.meanSpectralChange - interiorSummary.meanSpectralChange;
  const isNear = (t: number) => seams.some((s) => Math.abs(t - s) < near);
  const rhythm = input.rhythmTimes;
  const f = (keep: (t: number) => boolean) =>
    rhythm
      ? onsetFMeasure(rhythm.filter(keep), onsets.filter(keep), { toleranceMs: options.toleranceMs })
      : null;
  return {
    seams: seamChanges,
    interior: interiorChanges,
    seamSummary,
    interiorSummary,
    spectralZ: spread > 0 ? difference / spread : 0,
    seamPercentile: interiorChanges.length
      ? interiorChanges.filter((p) => p.spectralChange < seamSummary.meanSpectralChange).length /
        interiorChanges.length
      : 0,
    rhythmNearSeams: f(isNear),
    rhythmAwayFromSeams: f((t) => !isNear(t)),
    rhythmWhole: f(() => true),
  };
}
