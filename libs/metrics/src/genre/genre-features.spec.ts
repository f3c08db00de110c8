import { genreFeatures, type GenreAnalysis } from './genre-features';
import { coefficientAt, estimateBeatRate } from './periodicity';

const FRAME_RATE = 22050 / 512;
const SECONDS = 25;
const FRAMES = Math.round(SECONDS * FRAME_RATE);

/** 16th-note steps of one bar at which each of the three bands is hit. */
interface Pattern {
  low: number[];
  mid: number[];
  high: number[];
}

const FOUR_ON_THE_FLOOR: Pattern = { low: [0, 4, 8, 12], mid: [4, 12], high: [2, 6, 10, 14] };
const BROKEN: Pattern = { low: [0, 3, 10], mid: [4, 12], high: [0, 2, 4, 6, 8, 10, 12, 14] };

/** Envelopes with a decaying bump at each hit, starting `offset` seconds into the pattern. */
function envelopes(pattern: Pattern, bpm: number, offset = 0): Float32Array[] {
  const sixteenth = 60 / bpm / 4;
  return [pattern.low, pattern.mid, pattern.high].map((steps) => {
    const envelope = new Float32Array(FRAMES);
    for (let bar = -1; bar * 16 * sixteenth < SECONDS + offset; bar++) {
      for (const step of steps) {
        const time = (bar * 16 + step) * sixteenth - offset;
        const first = Math.max(0, Math.ceil(time * FRAME_RATE));
        for (let t = first; t < Math.min(FRAMES, first + 8); t++)
          envelope[t] += Math.exp(-(t / FRAME_RATE - time) / 0.03);
      }
    }
    return envelope;
  });
}

/** A 64-band spectrogram that falls with frequency and follows the envelopes' loudness. */
function analysis(pattern: Pattern, bpm: number, offset = 0, gainDb = 0, envelopeScale = 1): GenreAnalysis {
  const bandEnvelopes = envelopes(pattern, bpm, offset);
  const nMels = 64;
  const data = new Float32Array(FRAMES * nMels);
  for (let t = 0; t < FRAMES; t++) {
    for (let m = 0; m < nMels; m++) {
      const band = bandEnvelopes[m < 10 ? 0 : m < 40 ? 1 : 2];
      data[t * nMels + m] = gainDb - 30 - m / 2 + 10 * Math.log10(0.01 + band[t]);
    }
  }
  return {
    spectrogram: { nMels, frames: FRAMES, data, frameRate: FRAME_RATE },
    bandEnvelopes: bandEnvelopes.map((e) => e.map((v) => v * envelopeScale)),
  };
}

const distance = (a: Float64Array, b: Float64Array) => Math.hypot(...a.map((v, i) => v - b[i]));

describe('estimateBeatRate', () => {
  it.each([83.6, 117.3, 142])('finds %s BPM within 0.05 BPM', (bpm) => {
    const [low, mid, high] = envelopes(BROKEN, bpm, 0.37);
    const summed = low.map((v, t) => v + mid[t] + high[t]);
    expect(Math.abs(estimateBeatRate(summed, { frameRate: FRAME_RATE }) - bpm)).toBeLessThan(0.05);
  });
});

describe('coefficientAt', () => {
  it('is the DFT sum at any frequency', () => {
    const x = Array.from({ length: 3000 }, (_, t) => Math.sin(t * 0.37) + ((t * 7919) % 13) / 13);
    const f = 0.0123;
    let re = 0;
    let im = 0;
    x.forEach((v, t) => {
      re += v * Math.cos(2 * Math.PI * f * t);
      im -= v * Math.sin(2 * Math.PI * f * t);
    });
    const [r, i] = coefficientAt(x, f);
    expect(r).toBeCloseTo(re, 8);
    expect(i).toBeCloseTo(im, 8);
  });
});

describe('genreFeatures', () => {
  const reference = genreFeatures(analysis(FOUR_ON_THE_FLOOR, 122));

  it('measures the groove at the beat rate it finds', () => {
    expect(reference.beatRate).toBeCloseTo(122, 1);
    expect(reference.values.every(Number.isFinite)).toBe(true);
  });

  it('does not depend on the level of the clip', () => {
    const louder = genreFeatures(analysis(FOUR_ON_THE_FLOOR, 122, 0, 12, 3.5));
    expect(distance(louder.values, reference.values)).toBeLessThan(1e-6);
  });

  it('tells two grooves apart far more than it tells two tempos or two starting points apart', () => {
    const otherTempo = genreFeatures(analysis(FOUR_ON_THE_FLOOR, 97, 0.81));
    const otherGroove = genreFeatures(analysis(BROKEN, 122));
    const sameGroove = distance(otherTempo.values, reference.values);
    expect(sameGroove).toBeLessThan(0.25 * distance(otherGroove.values, reference.values));
  });

  it('refuses an analysis it cannot read, saying what is wrong', () => {
    const good = analysis(BROKEN, 100);
    expect(() => genreFeatures({ ...good, bandEnvelopes: [good.bandEnvelopes[0]] })).toThrow(
      /at least 2 band envelopes/,
    );
    expect(() =>
      genreFeatures({ ...good, bandEnvelopes: [good.bandEnvelopes[0], good.bandEnvelopes[1].subarray(1)] }),
    ).toThrow(/band envelope 1 has/);
    expect(() => genreFeatures({ ...good, spectrogram: { ...good.spectrogram, frameRate: 0 } })).toThrow(
      /frame rate/,
    );
    expect(() => genreFeatures(good, { spectrumGroups: 65 })).toThrow(/at least 65 bands/);
  });
});
