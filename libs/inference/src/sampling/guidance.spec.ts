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
});
