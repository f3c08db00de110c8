import { InvalidAudioInput } from '../audio.errors';
import { melFilterbankToDense, type MelFilterbank } from './mel-filterbank';

/**
 * A mel filterbank laid out bin by bin for projecting a power spectrum in one pass over the bins.
 * Neighbouring triangles overlap only pairwise, so every FFT bin feeds at most two consecutive bands:
 * walking the bins upwards, two running sums hold the band being finished ("lower", on its falling
 * edge) and the next one ("upper", on its rising edge); when the lower band has no bins left it is
 * written out and the upper becomes the lower. That is about 2 multiply-adds per bin with no inner loop
 * per band, and each band's sum still adds its weights in increasing bin order, as a band-by-band dot
 * product would, so the result is the same to the last bit.
 */
export class MelProjection {
  readonly nMels: number;
  /** The bins any band reads: firstBin .. endBin - 1. */
  readonly firstBin: number;
  readonly endBin: number;
  /** Weight of bin k in the lower and the upper running band (index k - firstBin). */
  private readonly lowerWeight: Float64Array;
  private readonly upperWeight: Float64Array;
  /**
   * The bins run in segments between band completions: segment s ends before bin index segmentEnd[s]
   * (relative to firstBin), after which segmentDone[s] bands are written out.
   */
  private readonly segmentEnd: Int32Array;
  private readonly segmentDone: Int32Array;

  constructor(filterbank: MelFilterbank) {
    const { nMels, bands } = filterbank;
    this.nMels = nMels;
    const last = bands.map(({ start, weights }) => (weights.length > 0 ? start + weights.length - 1 : -1));
    const used = bands.filter(({ weights }) => weights.length > 0);
    this.firstBin = used.length > 0 ? Math.min(...used.map(({ start }) => start)) : 0;
    this.endBin = used.length > 0 ? Math.max(...last) + 1 : 0;
    const span = this.endBin - this.firstBin;
    this.lowerWeight = new Float64Array(span);
    this.upperWeight = new Float64Array(span);
    const completeBefore = new Int32Array(span + 1);
    const dense = melFilterbankToDense(filterbank);
    // Walk the bins as project() will, recording when bands complete and which weight goes where.
    let lower = 0;
    for (let k = this.firstBin; k <= this.endBin; k++) {
      const from = lower;
      while (lower < nMels && (k === this.endBin || last[lower] < k)) lower++;
      completeBefore[k - this.firstBin] = lower - from;
      if (k === this.endBin) break;
      for (let m = 0; m < nMels; m++) {
        const weight = dense[m][k];
        if (weight === 0) continue;
        if (m === lower) this.lowerWeight[k - this.firstBin] = weight;
        else if (m === lower + 1) this.upperWeight[k - this.firstBin] = weight;
        else
          throw new Error(
            `mel band ${m} overlaps bin ${k} beyond its neighbour: not a triangular filterbank`,
          );
      }
    }
    const ends: number[] = [];
    const done: number[] = [];
    completeBefore.forEach((count, i) => {
      if (count > 0) {
        ends.push(i);
        done.push(count);
      }
    });
    this.segmentEnd = Int32Array.from(ends);
    this.segmentDone = Int32Array.from(done);
  }

  /**
   * Writes the nMels band energies of `power` (bins firstBin .. endBin - 1 are read) into
   * out[row .. row + nMels - 1], rounded to float32. Throws InvalidAudioInput for a non-finite band,
   * which only NaN or infinite samples produce.
   */
  project(power: Float64Array, out: Float32Array, row: number): void {
    const { lowerWeight, upperWeight, segmentEnd, segmentDone, firstBin } = this;
    let band = row;
    let lower = 0;
    let upper = 0;
    let i = 0;
    for (let s = 0; s < segmentEnd.length; s++) {
      for (const end = segmentEnd[s]; i < end; i++) {
        const p = power[firstBin + i];
        lower += lowerWeight[i] * p;
        upper += upperWeight[i] * p;
      }
      for (let done = segmentDone[s]; done > 0; done--) {
        this.checkFinite(lower, row);
        out[band++] = lower;
        lower = upper;
        upper = 0;
      }
    }
  }

  private checkFinite(sum: number, row: number): void {
    // Power and weights are >= 0, so only a NaN or infinite sample makes a sum non-finite.
    if (sum - sum !== 0) {
      throw new InvalidAudioInput(
        'AUDIO_NOT_FINITE',
        `the audio holds NaN or infinite samples (around frame ${row / this.nMels})`,
      );
    }
  }
}
