import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pickPeaksPaper, pickPeaksReference } from './peak-picking';
import { REFERENCE_RHYTHM_PARAMS, visualRhythm } from './visual-rhythm';

/*
 * The released code's outputs in fixtures/poses.json (copied from the shared reference fixtures).
 *
 * The stored keypoints are rounded to 3 decimals, and the reference outputs were computed before that
 * rounding: a motion whose angle lies within the rounding's reach of a whole degree can fall in the
 * neighbouring bin there (e.g. dancer0, frame 4 -> 5, joint 1 moves by exactly (0, -14.44) here, i.e.
 * -90 degrees -> bin 0, while the reference put it in bin 9, i.e. 89.99.. degrees). No implementation
 * can recover those bins from the rounded values, so the envelope is compared wherever the stored
 * keypoints decide every bin, and the peak picker is checked exactly on the reference envelope.
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

/** Keypoints carry 3 decimals: each coordinate of a motion is off by at most 2 x 0.0005 px. */
const MOTION_ERROR = Math.SQRT2 * 0.001;

/** Directogram rows (motion t -> t + 1) with a motion whose whole-degree bin the rounding could flip. */
function undecidedRows(keypoints: number[][][]): boolean[] {
  const rows: boolean[] = [];
  for (let t = 0; t + 1 < keypoints.length; t++) {
    let undecided = false;
    for (let j = 0; j < 17; j++) {
      const dx = keypoints[t + 1][j][0] - keypoints[t][j][0];
      const dy = keypoints[t + 1][j][1] - keypoints[t][j][1];
      const length = Math.hypot(dx, dy);
      const degrees = ((((Math.atan2(dy, dx) * 180) / Math.PI) % 180) + 180) % 180;
      const reach = length <= MOTION_ERROR ? 180 : (Math.asin(MOTION_ERROR / length) * 180) / Math.PI;
      if (Math.abs(degrees - Math.round(degrees)) <= reach) undecided = true;
    }
    rows.push(undecided);
  }
  return rows;
}

describe.each(names)('reference variant on %s', (name) => {
  const dancer = dancers[name];
  const expected = dancer.reference_code;
  const result = visualRhythm({ fps: dancer.fps, keypoints: dancer.keypoints }, { variant: 'reference' });
  const undecided = undecidedRows(dancer.keypoints);

  it('gives T - 2 values and records the variant', () => {
    expect(result.envelope.length).toBe(dancer.keypoints.length - 2);
    expect(result.peaks.length).toBe(expected.peaks.length);
    expect(result.variant).toBe('reference');
    expect(result.params).toEqual(REFERENCE_RHYTHM_PARAMS);
  });

  it('matches the reference envelope within 1e-4 except where the rounding could flip a bin', () => {
    const off: number[] = [];
    for (let i = 0; i < expected.envelope.length; i++) {
      if (Math.abs(result.envelope[i] - expected.envelope[i]) >= 1e-4) off.push(i);
    }
    // Every value off by 1e-4 or more reads a directogram row with an undecided motion ...
    expect(off.filter((i) => !undecided[i] && !undecided[i + 1])).toEqual([]);
    // ... and those are few: most rows that could flip did not.
    expect(off.length).toBeLessThan(0.1 * expected.envelope.length);
  });

  it('picks exactly the reference peaks from the reference envelope', () => {
    const peaks = new Uint8Array(expected.envelope.length);
    pickPeaksReference(Float64Array.from(expected.envelope), REFERENCE_RHYTHM_PARAMS, peaks);
    expect(Array.from(peaks)).toEqual(expected.peaks);
  });

  it('gives the reference peaks except where an envelope value off by rounding enters the decision', () => {
    // A decision at t reads the envelope over t .. t + preMax + postMax (the forward max window and
    // the next frame's decision for the run rule), and the envelope's mean.
    const reach = REFERENCE_RHYTHM_PARAMS.preMax + REFERENCE_RHYTHM_PARAMS.postMax;
    const n = expected.peaks.length;
    const off = (i: number): boolean => Math.abs(result.envelope[i] - expected.envelope[i]) >= 1e-4;
    const unexplained: number[] = [];
    let differing = 0;
    for (let t = 0; t < n; t++) {
      if (result.peaks[t] === expected.peaks[t]) continue;
      differing++;
      let explained = false;
      for (let i = t; i <= Math.min(t + reach, n - 1); i++) if (off(i)) explained = true;
      if (!explained) unexplained.push(t);
    }
    expect(unexplained).toEqual([]);
    expect(differing).toBeLessThanOrEqual(0.05 * expected.peaks.reduce((a, b) => a + b, 0));
  });

  it('differs from the paper variant, which centres its windows', () => {
    const peaks = new Uint8Array(expected.envelope.length);
    const paperParams = { preMax: 3, postMax: 3, preAvg: 2, postAvg: 2, delta: 0.2, wait: 1 };
    pickPeaksPaper(Float64Array.from(expected.envelope), paperParams, peaks);
    expect(Array.from(peaks)).not.toEqual(expected.peaks);
  });
});
