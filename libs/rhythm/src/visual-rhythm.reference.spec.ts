import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pickPeaksPaper, pickPeaksReference } from './peak-picking';
import { REFERENCE_RHYTHM_PARAMS, visualRhythm } from './visual-rhythm';

/*
 * The released code's outputs in fixtures/poses.json (copied from the shared reference fixtures,
 * revision of 2026-12-04). `reference_code` was computed, in float32, from the keypoints exactly as
 * stored, and every motion lies at least 0.01 degree away from a whole degree, so this float64
 * implementation must bin every motion as the released code did: the peaks are compared exactly and
 * the envelope to within float32 precision.
 */

interface Dancer {
  fps: number;
  bpm: number;
  keypoints: number[][][];
  reference_code: { envelope: number[]; peaks: number[] };
}

const dancers: Record<string, Dancer> = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'poses.json'), 'utf8'),
);
const names = Object.keys(dancers);

/** The reference envelope is float32; float64 code reproduces it to about 1e-6. */
const ENVELOPE_TOLERANCE = 1e-5;

it('the fixture holds the four reference dancers', () => {
  expect(names).toEqual(['dancer0', 'dancer1', 'dancer2', 'dancer3']);
});

describe.each(names)('reference variant on %s', (name) => {
  const dancer = dancers[name];
  const expected = dancer.reference_code;
  const result = visualRhythm({ fps: dancer.fps, keypoints: dancer.keypoints }, { variant: 'reference' });

  it('gives T - 2 values and records the variant', () => {
    expect(expected.envelope.length).toBe(dancer.keypoints.length - 2);
    expect(expected.peaks.length).toBe(dancer.keypoints.length - 2);
    expect(result.envelope.length).toBe(expected.envelope.length);
    expect(result.peaks.length).toBe(expected.peaks.length);
    expect(result.variant).toBe('reference');
    expect(result.params).toEqual(REFERENCE_RHYTHM_PARAMS);
  });

  it('matches the reference envelope within 1e-5', () => {
    expect(result.envelope.length).toBe(expected.envelope.length);
    let maxDiff = 0;
    for (let i = 0; i < expected.envelope.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(result.envelope[i] - expected.envelope[i]));
    }
    expect(maxDiff).toBeLessThan(ENVELOPE_TOLERANCE);
  });

  it('gives exactly the reference peaks', () => {
    expect(expected.peaks.some((p) => p === 1)).toBe(true);
    expect(Array.from(result.peaks)).toEqual(expected.peaks);
  });

  it('picks exactly the reference peaks from the reference envelope', () => {
    const peaks = new Uint8Array(expected.envelope.length);
    pickPeaksReference(Float64Array.from(expected.envelope), REFERENCE_RHYTHM_PARAMS, peaks);
    expect(Array.from(peaks)).toEqual(expected.peaks);
  });

  it('differs from the paper variant, which centres its windows', () => {
    const peaks = new Uint8Array(expected.envelope.length);
    const paperParams = { preMax: 3, postMax: 3, preAvg: 2, postAvg: 2, delta: 0.2, wait: 1 };
    pickPeaksPaper(Float64Array.from(expected.envelope), paperParams, peaks);
    expect(Array.from(peaks)).not.toEqual(expected.peaks);
  });
});
