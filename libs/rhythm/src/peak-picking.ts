/** Window sizes shared by both peak pickers, in frames. */
export interface PeakWindows {
  preMax: number;
  postMax: number;
  preAvg: number;
  postAvg: number;
}

export interface PaperPeakParams extends PeakWindows {
  /** A peak must exceed its local mean by delta x its local maximum. */
  delta: number;
  /** Frames that must separate two peaks: t_i - t_(i-1) > wait. */
  wait: number;
}

export interface ReferencePeakParams extends PeakWindows {
  /** A peak needs local max - local mean > threshold x mean(envelope). */
  threshold: number;
}

/**
 * Paper eq. 7 with centred windows, after Boeck et al. 2012 as librosa's util.peak_pick describes it:
 * t is a peak when O(t) is the maximum of O[t - preMax, t + postMax], is at least the mean of
 * O[t - preAvg, t + postAvg] plus delta x that maximum, and comes more than `wait` frames after the
 * previous peak. Windows are inclusive and clipped at the ends of the envelope. A peak must also be
 * above 0, so a flat (motionless) track has none.
 */
export function pickPeaksPaper(envelope: Float64Array, params: PaperPeakParams, out: Uint8Array): void {
  const n = envelope.length;
  out.fill(0);
  let last = -Infinity;
  for (let t = 0; t < n; t++) {
    const value = envelope[t];
    if (value <= 0 || t - last <= params.wait) continue;
    let max = -Infinity;
    for (let i = Math.max(0, t - params.preMax), hi = Math.min(n - 1, t + params.postMax); i <= hi; i++) {
      if (envelope[i] > max) max = envelope[i];
    }
    if (value !== max) continue;
    const lo = Math.max(0, t - params.preAvg);
    const hi = Math.min(n - 1, t + params.postAvg);
    let sum = 0;
    for (let i = lo; i <= hi; i++) sum += envelope[i];
    if (value >= sum / (hi - lo + 1) + params.delta * max) {
      out[t] = 1;
      last = t;
    }
  }
}

/**
 * The released LORIS code's peak picking (fixtures README, points 2 and 3): forward windows of
 * preAvg + postAvg frames for the mean and preMax + postMax for the max starting at t, both 0 where
 * the window would run past the end (torch unfold, then zero padding); t is a candidate when
 * max - mean > threshold x mean(envelope) and max == O(t); a candidate is kept only when the next
 * frame is not a candidate.
 */
export function pickPeaksReference(
  envelope: Float64Array,
  params: ReferencePeakParams,
  out: Uint8Array,
): void {
  const n = envelope.length;
  const winMean = params.preAvg + params.postAvg;
  const winMax = params.preMax + params.postMax;
  let total = 0;
  for (let i = 0; i < n; i++) total += envelope[i];
  const bar = params.threshold * (n > 0 ? total / n : 0);
  out.fill(0);
  for (let t = 0; t < n; t++) {
    let max = 0;
    if (t + winMax <= n) {
      max = envelope[t];
      for (let i = t + 1; i < t + winMax; i++) if (envelope[i] > max) max = envelope[i];
    }
    let mean = 0;
    if (t + winMean <= n) {
      let sum = 0;
      for (let i = t; i < t + winMean; i++) sum += envelope[i];
      mean = sum / winMean;
    }
    if (max - mean > bar && max === envelope[t]) out[t] = 1;
  }
  // peak[t] * (peak[t + 1] - peak[t] != 0): of a run of candidates only the last survives, and the
  // final frame never does (its mask is padded with 0).
  for (let t = 0; t < n; t++) if (out[t] && (t === n - 1 || out[t + 1])) out[t] = 0;
}
