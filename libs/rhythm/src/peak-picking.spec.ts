import {
  type PaperPeakParams,
  pickPeaksPaper,
  pickPeaksReference,
  type ReferencePeakParams,
} from './peak-picking';

const PAPER: PaperPeakParams = { preMax: 3, postMax: 3, preAvg: 2, postAvg: 2, delta: 0.2, wait: 1 };
const REFERENCE: ReferencePeakParams = { preMax: 3, postMax: 3, preAvg: 2, postAvg: 2, threshold: 0.1 };

function paper(envelope: number[], params: Partial<PaperPeakParams> = {}): number[] {
  const out = new Uint8Array(envelope.length);
  pickPeaksPaper(Float64Array.from(envelope), { ...PAPER, ...params }, out);
  return [...out.keys()].filter((i) => out[i]);
}

function reference(envelope: number[], params: Partial<ReferencePeakParams> = {}): number[] {
  const out = new Uint8Array(envelope.length);
  pickPeaksReference(Float64Array.from(envelope), { ...REFERENCE, ...params }, out);
  return [...out.keys()].filter((i) => out[i]);
}

const zeros = (n: number): number[] => new Array(n).fill(0);

describe('pickPeaksPaper (eq. 7, centred windows)', () => {
  it('finds an isolated spike once', () => {
    const env = zeros(20);
    env[9] = 1;
    expect(paper(env)).toEqual([9]);
  });

  it('keeps one of two equal spikes closer than the wait, both when the wait allows', () => {
    const env = zeros(20);
    env[7] = 1;
    env[9] = 1;
    expect(paper(env, { wait: 2 })).toEqual([7]);
    expect(paper(env, { wait: 1 })).toEqual([7, 9]);
    const adjacent = zeros(20);
    adjacent[7] = adjacent[8] = 1;
    expect(paper(adjacent)).toEqual([7]);
    expect(paper(adjacent, { wait: 0 })).toEqual([7, 8]);
  });

  it('gives no peak on a flat envelope', () => {
    expect(paper(zeros(30))).toEqual([]);
    expect(paper(new Array(30).fill(0.5))).toEqual([]);
  });

  it('needs the local maximum over pre/post max frames, inclusive', () => {
    const env = zeros(20);
    env[5] = 0.6;
    env[8] = 1; // 3 frames after 5: inside its window
    expect(paper(env)).toEqual([8]);
    env[8] = 0;
    env[9] = 1; // 4 frames after: outside
    expect(paper(env)).toEqual([5, 9]);
  });

  it('needs the value to clear the local mean by delta x the local maximum', () => {
    // around t = 5 the window [3, 7] holds 0.9, 0.9, 1, 0.9, 0.9: mean 0.92 + 0.2 > 1
    const env = [0, 0, 0, 0.9, 0.9, 1, 0.9, 0.9, 0, 0, 0];
    expect(paper(env)).toEqual([]);
    expect(paper(env, { delta: 0.05 })).toEqual([5]);
  });

  it('clips windows at the ends instead of padding', () => {
    expect(paper([1, 0, 0, 0, 0, 0])).toEqual([0]);
    expect(paper([0, 0, 0, 0, 0, 1])).toEqual([5]);
  });
});

describe('pickPeaksReference (released code: forward windows, run rule)', () => {
  it('looks forward from t: a spike is a peak at its own frame', () => {
    const env = zeros(20);
    env[9] = 1;
    expect(reference(env)).toEqual([9]);
  });

  it('keeps only the last frame of a run of candidates', () => {
    const env = zeros(20);
    env[6] = env[7] = 1;
    expect(reference(env)).toEqual([7]);
  });

  it('finds nothing in the last preMax + postMax - 1 frames, where the max window is padded with 0', () => {
    const env = zeros(20);
    env[15] = 1;
    expect(reference(env)).toEqual([]);
    env[15] = 0;
    env[14] = 1;
    expect(reference(env)).toEqual([14]);
  });

  it('compares max - mean with threshold x the mean of the whole envelope', () => {
    // at t = 2: forward max 1, forward mean (1 + 0.9 + 0.9 + 0.9) / 4 = 0.925, so max - mean = 0.075;
    // the envelope's mean is 4.65 / 12 = 0.3875: 0.075 clears 0.1 x 0.3875 but not 0.2 x 0.3875
    const env = [0, 0, 1, 0.9, 0.9, 0.9, 0.95, 0, 0, 0, 0, 0];
    expect(reference(env)).toEqual([2, 6]);
    expect(reference(env, { threshold: 0.2 })).toEqual([6]);
  });

  it('gives no peak on a flat envelope', () => {
    expect(reference(zeros(30))).toEqual([]);
    expect(reference(new Array(30).fill(0.5))).toEqual([]);
  });
});
