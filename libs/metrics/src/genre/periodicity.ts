// Periodicities of an onset envelope at chosen frequencies: the beat rate of a clip, and the strength
// and phase of its bar-level pattern. A Fourier coefficient at a multiple of the bar rate does not
// depend on where the first downbeat falls (only its phase does), so these describe a groove without
// finding the downbeat, which nothing in a generated soundtrack marks.

/** A complex number as [re, im]. */
export type Complex = [number, number];

/** sum_t x[t] exp(-2 pi i f t), f in cycles per frame (a single DFT bin at any frequency). */
export function coefficientAt(x: ArrayLike<number>, cyclesPerFrame: number): Complex {
  const step = -2 * Math.PI * cyclesPerFrame;
  const stepCos = Math.cos(step);
  const stepSin = Math.sin(step);
  let re = 0;
  let im = 0;
  let c = 1;
  let s = 0;
  for (let t = 0; t < x.length; t++) {
    re += x[t] * c;
    im += x[t] * s;
    // Rotating the phasor instead of calling cos/sin per frame; a clip's few thousand frames keep the
    // drift of the rotation near 1e-13, and every 256 frames it is renormalised anyway.
    const next = c * stepCos - s * stepSin;
    s = c * stepSin + s * stepCos;
    c = next;
    if ((t & 255) === 255) {
      const norm = Math.hypot(c, s);
      c /= norm;
      s /= norm;
    }
  }
  return [re, im];
}

/** The envelope minus its mean, so that the DC term does not leak into the low periodicities. */
export function centred(envelope: ArrayLike<number>): Float64Array {
  let sum = 0;
  for (let t = 0; t < envelope.length; t++) sum += envelope[t];
  const mean = envelope.length ? sum / envelope.length : 0;
  return Float64Array.from(envelope, (v) => v - mean);
}

export interface BeatRateOptions {
  /** Frames per second of the envelope. */
  frameRate: number;
  /** Range searched, beats per minute (default 75 to 150: one beat of every synthetic genre). */
  minBpm?: number;
  maxBpm?: number;
  /** Beat harmonics summed into a candidate's salience (default 4: beats, 8ths, 8th triplets, 16ths). */
  harmonics?: number;
}

function salience(x: Float64Array, bpm: number, frameRate: number, harmonics: number): number {
  let total = 0;
  for (let h = 1; h <= harmonics; h++) {
    const [re, im] = coefficientAt(x, (h * bpm) / 60 / frameRate);
    total += Math.hypot(re, im);
  }
  return total;
}

/**
 * The beat rate of an onset envelope, in beats per minute: the rate in [minBpm, maxBpm] whose first
 * `harmonics` multiples carry the most energy, found on a 0.25 BPM grid and refined to 0.01 BPM. The
 * bar-level coefficients are taken at multiples of a quarter of this rate, so it must be precise: over
 * a 25 s clip the 16th harmonic is off by a whole cycle when the rate is off by 0.6 BPM.
 */
export function estimateBeatRate(envelope: ArrayLike<number>, options: BeatRateOptions): number {
  const minBpm = options.minBpm ?? 75;
  const maxBpm = options.maxBpm ?? 150;
  const harmonics = options.harmonics ?? 4;
  const x = centred(envelope);
  const best = (from: number, to: number, step: number): number => {
    let bestBpm = from;
    let bestValue = -Infinity;
    for (let bpm = from; bpm <= to + 1e-9; bpm += step) {
      const value = salience(x, bpm, options.frameRate, harmonics);
      if (value > bestValue) {
        bestValue = value;
        bestBpm = bpm;
      }
    }
    return bestBpm;
  };
  const coarse = best(minBpm, maxBpm, 0.25);
  return best(Math.max(minBpm, coarse - 0.25), Math.min(maxBpm, coarse + 0.25), 0.01);
}
