// What a clip's genre sounds like, as numbers a linear classifier can separate, with the tempo left
// out: the genre table of the default-model benchmark asks whether the same pose track (so the same
// tempo) sounds like the genre it was generated for, so a classifier that read the tempo would learn
// the corpus's tempo ranges and not the genres. Three families:
// - spectral balance: the mean level of band groups relative to the clip's mean level (the loudness
//   of a model's output is not a genre), their spread over time, and the spectral centroid, flatness
//   and roll-off of each frame, summarised by mean and spread;
// - groove: the strength of each band envelope (low: kick and bass, mid: snare and chords, high: hats)
//   at the first multiples of the bar rate, relative to the envelope's mean, with the bar rate taken
//   as a quarter of the estimated beat rate, so a pattern gives the same numbers at any tempo;
// - where the low band's hits sit against the other bands' within the bar: the cross-spectrum of two
//   envelopes at the bar's harmonics (its phase is the offset of one pattern against the other, which
//   does not depend on where the clip starts).
// Pure computation on an analysis the caller made with libs/audio (a log-mel spectrogram in dB and the
// onset strength of each band group); see apps/cli/src/analysis/genre-audio.ts.
import { InvalidMetricsInput } from '../metrics.errors';
import type { LogMelSpectrogram } from '../seam-score';
import { centred, coefficientAt, type Complex, estimateBeatRate } from './periodicity';

export interface GenreAnalysis {
  spectrogram: LogMelSpectrogram;
  /**
   * Onset strength (spectral flux) of band groups from low to high (three: low, mid, high), one value
   * per spectrogram frame.
   */
  bandEnvelopes: readonly Float32Array[];
}

export interface GenreFeatureOptions {
  /** Contiguous groups of mel bands whose levels are kept (default 16). */
  spectrumGroups?: number;
  /** Multiples of the bar rate whose strength is kept per band envelope (default 16: down to 16ths). */
  barHarmonics?: number;
  /** Multiples of the bar rate whose cross-spectrum is kept per pair of envelopes (default 8). */
  crossHarmonics?: number;
}

export interface GenreFeatures {
  values: Float64Array;
  /** The beat rate the groove features were measured at, beats per minute (not itself a feature). */
  beatRate: number;
}

const EPS = 1e-12;
const ROLLOFF = 0.85;

function meanAndSd(values: ArrayLike<number>): [number, number] {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - mean) ** 2;
  return [mean, Math.sqrt(squares / values.length)];
}

function checkAnalysis(analysis: GenreAnalysis, groups: number): void {
  const mel = analysis.spectrogram;
  if (!(mel.frameRate > 0 && Number.isFinite(mel.frameRate))) {
    throw new InvalidMetricsInput(
      'METRICS_BAD_SAMPLE_RATE',
      `frame rate must be positive, got ${mel.frameRate}`,
    );
  }
  if (mel.frames < 2 || mel.data.length !== mel.frames * mel.nMels || mel.nMels < groups) {
    throw new InvalidMetricsInput(
      'METRICS_BAD_SAMPLE_COUNT',
      `genre features need at least 2 frames of at least ${groups} bands (frames x bands values); got ` +
        `${mel.frames} x ${mel.nMels} with ${mel.data.length} values`,
    );
  }
  if (analysis.bandEnvelopes.length < 2) {
    throw new InvalidMetricsInput(
      'METRICS_BAD_SAMPLE_COUNT',
      'genre features need at least 2 band envelopes',
    );
  }
  for (const [i, envelope] of analysis.bandEnvelopes.entries()) {
    if (envelope.length !== mel.frames) {
      throw new InvalidMetricsInput(
        'METRICS_BAD_SAMPLE_COUNT',
        `band envelope ${i} has ${envelope.length} frames, the spectrogram ${mel.frames}`,
      );
    }
  }
}

/** Levels of band groups (relative to the clip's mean level) and their spread over time. */
function spectralBalance(mel: LogMelSpectrogram, groups: number): number[] {
  const { nMels, frames, data } = mel;
  const level = new Float64Array(groups * frames);
  for (let g = 0; g < groups; g++) {
    const from = Math.floor((g * nMels) / groups);
    const to = Math.floor(((g + 1) * nMels) / groups);
    for (let t = 0; t < frames; t++) {
      let sum = 0;
      for (let m = from; m < to; m++) sum += data[t * nMels + m];
      level[g * frames + t] = sum / (to - from);
    }
  }
  const stats = Array.from({ length: groups }, (_, g) =>
    meanAndSd(level.subarray(g * frames, (g + 1) * frames)),
  );
  const overall = stats.reduce((sum, [mean]) => sum + mean, 0) / groups;
  // dB / 10: the same order of magnitude as the other features before the classifier standardises.
  return [...stats.map(([mean]) => (mean - overall) / 10), ...stats.map(([, sd]) => sd / 10)];
}

/** Mean and spread of each frame's centroid, flatness and roll-off, and the spread of its level. */
function spectralShape(mel: LogMelSpectrogram): number[] {
  const { nMels, frames, data } = mel;
  const centroid = new Float64Array(frames);
  const flatness = new Float64Array(frames);
  const rolloff = new Float64Array(frames);
  const level = new Float64Array(frames);
  const power = new Float64Array(nMels);
  for (let t = 0; t < frames; t++) {
    let total = 0;
    let weighted = 0;
    let meanDb = 0;
    for (let m = 0; m < nMels; m++) {
      const db = data[t * nMels + m];
      power[m] = 10 ** (db / 10);
      total += power[m];
      weighted += m * power[m];
      meanDb += db;
    }
    const totalDb = 10 * Math.log10(total / nMels + EPS);
    centroid[t] = weighted / (total + EPS) / (nMels - 1);
    // Geometric over arithmetic mean, in dB: 0 for white noise, very negative for a few partials.
    flatness[t] = (meanDb / nMels - totalDb) / 10;
    let cumulative = 0;
    let m = 0;
    while (m < nMels - 1 && cumulative + power[m] < ROLLOFF * total) cumulative += power[m++];
    rolloff[t] = m / (nMels - 1);
    level[t] = totalDb / 10;
  }
  return [...meanAndSd(centroid), ...meanAndSd(flatness), ...meanAndSd(rolloff), meanAndSd(level)[1]];
}

/**
 * Each envelope's Fourier coefficients at the first `harmonics` multiples of the bar rate, divided by
 * (frames x the envelope's mean), so a pattern scores the same at any level; [band][harmonic].
 */
function barCoefficients(
  envelopes: readonly Float32Array[],
  barCyclesPerFrame: number,
  harmonics: number,
): Complex[][] {
  return envelopes.map((envelope) => {
    const x = centred(envelope);
    let sum = 0;
    for (let t = 0; t < envelope.length; t++) sum += envelope[t];
    const scale = sum + EPS;
    return Array.from({ length: harmonics }, (_, k) => {
      const [re, im] = coefficientAt(x, (k + 1) * barCyclesPerFrame);
      return [re / scale, im / scale] as Complex;
    });
  });
}

/**
 * Share of each band in the summed envelope. (Not how peaked each envelope is: that counts hits per
 * second, which is the tempo again.)
 */
function bandShares(envelopes: readonly Float32Array[]): number[] {
  const means = envelopes.map((envelope) => meanAndSd(envelope)[0]);
  const total = means.reduce((sum, mean) => sum + mean, 0) + EPS;
  return means.map((mean) => mean / total);
}

/** The feature vector of a clip (see the top of this file); its length depends on the options only. */
export function genreFeatures(analysis: GenreAnalysis, options: GenreFeatureOptions = {}): GenreFeatures {
  const groups = options.spectrumGroups ?? 16;
  const barHarmonics = options.barHarmonics ?? 16;
  const crossHarmonics = Math.min(options.crossHarmonics ?? 8, barHarmonics);
  checkAnalysis(analysis, groups);
  const mel = analysis.spectrogram;
  const envelopes = analysis.bandEnvelopes;

  const summed = new Float64Array(mel.frames);
  for (const envelope of envelopes) for (let t = 0; t < mel.frames; t++) summed[t] += envelope[t];
  const beatRate = estimateBeatRate(summed, { frameRate: mel.frameRate });
  const barCyclesPerFrame = beatRate / 60 / 4 / mel.frameRate;
  const coefficients = barCoefficients(envelopes, barCyclesPerFrame, barHarmonics);

  const strengths = coefficients.flatMap((band) => band.map(([re, im]) => Math.hypot(re, im)));
  // The low band against each other band: re and im of a * conj(b), scaled by the bar harmonic's
  // strengths so a harmonic that neither band has gives 0, not a random phase.
  const cross: number[] = [];
  for (let other = 1; other < envelopes.length; other++) {
    for (let k = 0; k < crossHarmonics; k++) {
      const [ar, ai] = coefficients[0][k];
      const [br, bi] = coefficients[other][k];
      const norm = Math.sqrt(Math.hypot(ar, ai) * Math.hypot(br, bi)) + EPS;
      cross.push((ar * br + ai * bi) / norm, (ai * br - ar * bi) / norm);
    }
  }
  const values = Float64Array.from([
    ...spectralBalance(mel, groups),
    ...spectralShape(mel),
    ...bandShares(envelopes),
    ...strengths,
    ...cross,
  ]);
  return { values, beatRate };
}
