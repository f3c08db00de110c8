import { BatchDenoiser, classifierFreeGuidance } from './guidance';

// Row 0 (conditional) pulls towards 1, row 1 (null condition) towards 0, so the guided estimate is known.
function twoRowDenoiser(calls: number[]): BatchDenoiser {
  return async (x, _sigma, rows) => {
    calls.push(rows);
    const n = x.length / rows;
    return x.map((v, k) => (k < n ? v + 1 : v));
  };
}

describe('classifierFreeGuidance', () => {
  it('returns uncond + w (cond - uncond) from one batched call', async () => {
    const calls: number[] = [];
    const guided = classifierFreeGuidance(twoRowDenoiser(calls), 20);
    const out = await guided(new Float32Array([0.5, -0.25, 2]), 1);
    expect(Array.from(out)).toEqual([20.5, 19.75, 22]);
    expect(calls).toEqual([2]);
  });

  it('keeps each result its own across calls of any length (the batch buffer is reused)', async () => {
    const guided = classifierFreeGuidance(twoRowDenoiser([]), 20);
    const first = await guided(new Float32Array([0.5, -0.25, 2]), 1);
    const second = await guided(new Float32Array([1, 2, 3]), 1);
    const shorter = await guided(new Float32Array([-1]), 1);
    expect(Array.from(first)).toEqual([20.5, 19.75, 22]);
    expect(Array.from(second)).toEqual([21, 22, 23]);
    expect(Array.from(shorter)).toEqual([19]);
  });

  it('gives the conditional estimate alone at w = 1, in a batch of one', async () => {
    const calls: number[] = [];
    const guided = classifierFreeGuidance(twoRowDenoiser(calls), 1);
    const out = await guided(new Float32Array([0.5, 3]), 1);
    expect(Array.from(out)).toEqual([1.5, 4]);
    expect(calls).toEqual([1]);
  });

  it('gives the unconditional estimate at w = 0', async () => {
    const guided = classifierFreeGuidance(twoRowDenoiser([]), 0);
    expect(Array.from(await guided(new Float32Array([0.5, 3]), 1))).toEqual([0.5, 3]);
  });

  it('refuses a batched result of the wrong size and a non-finite scale', async () => {
    const guided = classifierFreeGuidance(async (x) => x.subarray(1), 3);
    await expect(guided(new Float32Array(4), 1)).rejects.toThrow(/returned 7 values, expected 8/);
    expect(() => classifierFreeGuidance(twoRowDenoiser([]), Number.NaN)).toThrow(RangeError);
  });

  it('guides only within its interval of noise levels, ends included, and answers conditionally outside', async () => {
    const calls: number[] = [];
    const guided = classifierFreeGuidance(twoRowDenoiser(calls), 20, { sigmaMin: 0.1, sigmaMax: 1 });
    const x = new Float32Array([0.5]);
    const out = [];
    for (const sigma of [3, 1, 0.3, 0.1, 0.01]) out.push((await guided(x, sigma))[0]);
    expect(out).toEqual([1.5, 20.5, 20.5, 20.5, 1.5]);
    expect(calls).toEqual([1, 2, 2, 2, 1]);
  });

  it('refuses an interval that runs backwards or below zero', () => {
    expect(() => classifierFreeGuidance(twoRowDenoiser([]), 20, { sigmaMin: 1, sigmaMax: 0.1 })).toThrow(
      /guidance interval/,
    );
    expect(() => classifierFreeGuidance(twoRowDenoiser([]), 20, { sigmaMin: -1, sigmaMax: 0.1 })).toThrow(
      /guidance interval/,
    );
  });
});
