import { GenerationCancelledError } from '../inference.errors';
import { gaussianNoise, seededNoise } from './random';
import {
  ancestralStep,
  Denoiser,
  denoiserCalls,
  eulerStep,
  karrasSigmas,
  SAMPLER_NAMES,
  SAMPLERS,
  SamplerName,
  StepInfo,
  toD,
} from './sampling';

// Data x0 ~ N(mu, s^2) per element: with x = x0 + sigma n the exact denoiser is the posterior mean
// E[x0 | x] = mu + s^2 / (s^2 + sigma^2) (x - mu), and x at noise level sigma is N(mu, s^2 + sigma^2).
const mu = 0.3;
const s = 0.1;
const gaussianDenoiser: Denoiser = async (x, sigma) => {
  const gain = (s * s) / (s * s + sigma * sigma);
  return x.map((v) => mu + gain * (v - mu));
};

function startAt(sigma: number, eps: Float32Array): Float32Array {
  const spread = Math.sqrt(s * s + sigma * sigma);
  return eps.map((e) => mu + spread * e);
}

function moments(x: Float32Array): { mean: number; std: number } {
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length;
  let variance = 0;
  for (const v of x) variance += (v - mean) ** 2;
  return { mean, std: Math.sqrt(variance / (x.length - 1)) };
}

describe('karrasSigmas', () => {
  it('matches a hand-computed three-step schedule', () => {
    // sigma_1 = ((3^(1/9) + (1e-4)^(1/9)) / 2)^9 = ((1.1298309 + 0.3593814) / 2)^9 = 0.0703622
    const sigmas = karrasSigmas(3);
    expect(sigmas).toHaveLength(4);
    expect(sigmas[0]).toBeCloseTo(3, 12);
    expect(sigmas[1]).toBeCloseTo(0.0703622, 6);
    expect(sigmas[2]).toBeCloseTo(1e-4, 12);
    expect(sigmas[3]).toBe(0);
  });

  it('decreases strictly from sigmaMax to sigmaMin and honours its options', () => {
    const sigmas = karrasSigmas(50, { sigmaMin: 0.002, sigmaMax: 80, rho: 7 });
    expect(sigmas[0]).toBeCloseTo(80, 10);
    expect(sigmas[49]).toBeCloseTo(0.002, 12);
    for (let i = 1; i < sigmas.length; i++) expect(sigmas[i]).toBeLessThan(sigmas[i - 1]);
  });

  it('gives sigmaMax alone for one step and refuses nonsense', () => {
    expect(karrasSigmas(1)).toEqual([3, 0]);
    expect(() => karrasSigmas(0)).toThrow(RangeError);
    expect(() => karrasSigmas(10, { sigmaMin: 5 })).toThrow(RangeError);
  });
});

describe('ancestralStep', () => {
  it('splits sigmaNext into sigmaDown and sigmaUp with eta 1', () => {
    const { sigmaDown, sigmaUp } = ancestralStep(2, 1);
    // sigma_up = sqrt(1 * (4 - 1) / 4), sigma_down = sqrt(1 - 3/4)
    expect(sigmaUp).toBeCloseTo(Math.sqrt(3) / 2, 12);
    expect(sigmaDown).toBeCloseTo(0.5, 12);
    expect(ancestralStep(2, 0)).toEqual({ sigmaDown: 0, sigmaUp: 0 });
    expect(ancestralStep(2, 1, 0)).toEqual({ sigmaDown: 1, sigmaUp: 0 });
  });
});

describe.each(SAMPLER_NAMES)('sampler %s', (name: SamplerName) => {
  const sampler = SAMPLERS[name];
  const n = 40_000;
  const eps = gaussianNoise(1, 0, n);

  it('draws from the data distribution with the exact denoiser', async () => {
    // Euler is first order and needs more steps for the same accuracy.
    const sigmas = karrasSigmas(name === 'euler' ? 100 : 30);
    const out = await sampler(gaussianDenoiser, startAt(sigmas[0], eps), sigmas, { noise: seededNoise(2) });
    const { mean, std } = moments(out);
    expect(Math.abs(mean - mu)).toBeLessThan(0.003);
    expect(Math.abs(std / s - 1)).toBeLessThan(0.03);
  });

  it('reports every step once, in order, with the sigmas of the schedule', async () => {
    const sigmas = karrasSigmas(6);
    const seen: StepInfo[] = [];
    await sampler(gaussianDenoiser, startAt(sigmas[0], eps.subarray(0, 64)), sigmas, {
      onStep: (info) => seen.push(info),
    });
    expect(seen.map((info) => info.step)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(seen.every((info) => info.steps === 6)).toBe(true);
    expect(seen.map((info) => info.sigma)).toEqual(sigmas.slice(0, 6));
  });

  it('calls the denoiser as often as denoiserCalls says', async () => {
    let calls = 0;
    const counting: Denoiser = (x, sigma) => {
      calls += 1;
      return gaussianDenoiser(x, sigma);
    };
    const sigmas = karrasSigmas(7);
    await sampler(counting, startAt(sigmas[0], eps.subarray(0, 8)), sigmas);
    expect(calls).toBe(denoiserCalls(name, 7));
  });

  it('is deterministic for a seed', async () => {
    const sigmas = karrasSigmas(10);
    const x = startAt(sigmas[0], eps.subarray(0, 256));
    const a = await sampler(gaussianDenoiser, x, sigmas, { noise: seededNoise(5) });
    const b = await sampler(gaussianDenoiser, x, sigmas, { noise: seededNoise(5) });
    expect(Buffer.from(b.buffer).equals(Buffer.from(a.buffer))).toBe(true);
  });

  it('stops within one step of an abort', async () => {
    const controller = new AbortController();
    const perStep = denoiserCalls(name, 10) === 10 ? 1 : 2;
    const firstCallOfStep3 = 3 * perStep + 1;
    let calls = 0;
    const abortingInStep3: Denoiser = (x, sigma) => {
      calls += 1;
      if (calls === firstCallOfStep3) controller.abort();
      return gaussianDenoiser(x, sigma);
    };
    const sigmas = karrasSigmas(10);
    const run = sampler(abortingInStep3, startAt(sigmas[0], eps.subarray(0, 8)), sigmas, {
      signal: controller.signal,
    });
    await expect(run).rejects.toBeInstanceOf(GenerationCancelledError);
    await expect(run).rejects.toMatchObject({ code: 'GENERATION_CANCELLED', step: 3 });
    // Steps 0-2 ran in full; step 3 made the call that aborted and no other.
    expect(calls).toBe(firstCallOfStep3);
  });
});

describe('noise', () => {
  it('makes the ancestral sampler differ between seeds and the ODE samplers ignore it', async () => {
    const sigmas = karrasSigmas(8);
    const x = startAt(sigmas[0], gaussianNoise(3, 0, 128));
    const a = await SAMPLERS.adpm2(gaussianDenoiser, x, sigmas, { noise: seededNoise(1) });
    const b = await SAMPLERS.adpm2(gaussianDenoiser, x, sigmas, { noise: seededNoise(2) });
    expect(b).not.toEqual(a);
    const c = await SAMPLERS.heun(gaussianDenoiser, x, sigmas, { noise: seededNoise(1) });
    const d = await SAMPLERS.heun(gaussianDenoiser, x, sigmas, { noise: seededNoise(2) });
    expect(d).toEqual(c);
  });

  it('lands the ODE samplers on the exact probability-flow solution', async () => {
    // For Gaussian data (x - mu) / sqrt(s^2 + sigma^2) is constant along the ODE, so x(0) = mu + s eps.
    const eps = gaussianNoise(4, 0, 512);
    const sigmas = karrasSigmas(40);
    for (const name of ['heun', 'dpmpp-2m'] as const) {
      const out = await SAMPLERS[name](gaussianDenoiser, startAt(sigmas[0], eps), sigmas);
      let worst = 0;
      for (let k = 0; k < eps.length; k++) worst = Math.max(worst, Math.abs(out[k] - (mu + s * eps[k])));
      expect(worst).toBeLessThan(2e-3);
    }
  });
});

describe('allocation-free steps', () => {
  const x = Float32Array.from({ length: 4096 }, (_, k) => Math.sin(k * 0.37) * 1.7);
  const denoised = Float32Array.from({ length: 4096 }, (_, k) => Math.cos(k * 0.11) * 0.4);

  it('eulerStep is x + toD(x) * dt bit for bit', () => {
    const d = toD(x, 0.83, denoised);
    const expected = x.map((v, k) => v + d[k] * -0.21);
    expect(Array.from(eulerStep(x, denoised, 0.83, -0.21))).toEqual(Array.from(expected));
  });

  it('adpm2 gives the bits of its two-array form (k-diffusion sample_dpm_2_ancestral)', async () => {
    const sigmas = karrasSigmas(6);
    const start = startAt(sigmas[0], gaussianNoise(3, 99, x.length));
    // The update written with explicit derivative arrays, as before the fused loops.
    const reference = async (): Promise<Float32Array> => {
      let state = start;
      const noise = seededNoise(11);
      for (let i = 0; i < sigmas.length - 1; i++) {
        const sigma = sigmas[i];
        const den = await gaussianDenoiser(state, sigma);
        const { sigmaDown, sigmaUp } = ancestralStep(sigma, sigmas[i + 1]);
        const d = toD(state, sigma, den);
        if (sigmaDown === 0) {
          state = state.map((v, k) => v + d[k] * (sigmaDown - sigma));
        } else {
          const mid = Math.exp(Math.log(sigma) + 0.5 * (Math.log(sigmaDown) - Math.log(sigma)));
          const x2 = state.map((v, k) => v + d[k] * (mid - sigma));
          const d2 = toD(x2, mid, await gaussianDenoiser(x2, mid));
          state = state.map((v, k) => v + d2[k] * (sigmaDown - sigma));
        }
        if (sigmaUp > 0) {
          const n = noise(i, state.length);
          state = state.map((v, k) => v + n[k] * sigmaUp);
        }
      }
      return state;
    };
    const fused = await SAMPLERS.adpm2(gaussianDenoiser, start, sigmas, { noise: seededNoise(11) });
    expect(Array.from(fused)).toEqual(Array.from(await reference()));
  });
});
