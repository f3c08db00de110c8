// Noise schedule and samplers for the EDM denoiser, after k-diffusion sampling.py (Crowson): the
// schedule first, then the small helpers (toD, the ancestral step), then the samplers. Every sampler has
// the shape `(denoise, x, sigmas, {onStep, noise, signal})` and treats `denoise(x, sigma) -> denoised` as
// a black box; preconditioning (c_skip, c_out, c_in, c_noise of appendix A.2) lives inside the exported
// denoiser, guidance in a denoiser wrapper (guidance.ts). Arrays are flat Float32Array of any shape, as
// the update rules are elementwise; intermediate states are kept in float32 like the PyTorch reference.
import { GenerationCancelledError } from '../inference.errors';
import { type KnownRegion, replaceKnown } from './known-region';
import { NoiseSource, seededNoise } from './random';

/** The denoiser D(x; sigma) of Karras et al. (2022), eq. 7: an estimate of the clean signal. */
export type Denoiser = (x: Float32Array, sigma: number) => Promise<Float32Array>;

export interface StepInfo {
  /** 0-based index of the step that just finished. */
  step: number;
  steps: number;
  sigma: number;
  sigmaNext: number;
  /** The state after this step. */
  x: Float32Array;
  /** The denoiser's first estimate in this step. */
  denoised: Float32Array;
}

export interface SamplerOptions {
  onStep?: (info: StepInfo) => void;
  /** Fresh noise for the ancestral sampler (default: seed 0); the deterministic samplers draw none. */
  noise?: NoiseSource;
  /** Checked around every denoiser call, so a cancel takes effect when the call in flight returns. */
  signal?: AbortSignal;
  /**
   * A region of x known in advance (the previous window's end, when continuing it): before every step it
   * is replaced by its values noised to that step's sigma (known-region.ts). The final state is left as
   * the sampler made it, so the caller can see how well the continuation matched.
   */
  known?: KnownRegion;
}

export type Sampler = (
  denoise: Denoiser,
  x: Float32Array,
  sigmas: readonly number[],
  options?: SamplerOptions,
) => Promise<Float32Array>;

export interface KarrasScheduleOptions {
  sigmaMin?: number;
  sigmaMax?: number;
  rho?: number;
}

/** The released LORIS sampler settings (ARCHITECTURE.md, "Paper facts"). */
export const DEFAULT_SCHEDULE = { sigmaMin: 1e-4, sigmaMax: 3, rho: 9 } as const;

/**
 * The noise levels of Karras et al. (2022), eq. 5, with a trailing 0 (after k-diffusion get_sigmas_karras):
 * sigma_i = (sigmaMax^(1/rho) + i / (n - 1) (sigmaMin^(1/rho) - sigmaMax^(1/rho)))^rho, i = 0..n-1.
 */
export function karrasSigmas(steps: number, options: KarrasScheduleOptions = {}): number[] {
  const { sigmaMin, sigmaMax, rho } = { ...DEFAULT_SCHEDULE, ...options };
  if (!Number.isInteger(steps) || steps < 1)
    throw new RangeError(`steps must be a positive integer, got ${steps}`);
  if (!(sigmaMin > 0 && sigmaMax > sigmaMin && rho > 0)) {
    throw new RangeError(`need 0 < sigmaMin < sigmaMax and rho > 0, got ${sigmaMin}, ${sigmaMax}, ${rho}`);
  }
  const minInvRho = sigmaMin ** (1 / rho);
  const maxInvRho = sigmaMax ** (1 / rho);
  // The ends are exact, not round-tripped through the 1/rho power.
  const sigmas: number[] = [sigmaMax];
  for (let i = 1; i < steps - 1; i++) {
    const ramp = i / (steps - 1);
    sigmas.push((maxInvRho + ramp * (minInvRho - maxInvRho)) ** rho);
  }
  if (steps > 1) sigmas.push(sigmaMin);
  sigmas.push(0);
  return sigmas;
}

/** The probability-flow ODE derivative dx/dsigma = (x - D(x; sigma)) / sigma (Karras et al. eq. 3). */
export function toD(x: Float32Array, sigma: number, denoised: Float32Array): Float32Array {
  const d = new Float32Array(x.length);
  for (let k = 0; k < x.length; k++) d[k] = (x[k] - denoised[k]) / sigma;
  return d;
}

/**
 * x + toD(x, sigma, denoised) * dt, elementwise, without the derivative's array: the derivative is still
 * rounded to float32 before the multiply, so the result is bit for bit that of the two-array form. A
 * 25 s state is 2.2 MB, and the arrays a step no longer allocates were garbage the worker process (with
 * its larger heap) paid for in collections: 7% of a job's time (bench:generate).
 */
export function eulerStep(x: Float32Array, denoised: Float32Array, sigma: number, dt: number): Float32Array {
  const out = new Float32Array(x.length);
  const fround = Math.fround;
  for (let k = 0; k < x.length; k++) out[k] = x[k] + fround((x[k] - denoised[k]) / sigma) * dt;
  return out;
}

/** x + d * dt, elementwise. */
function step(x: Float32Array, d: Float32Array, dt: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let k = 0; k < x.length; k++) out[k] = x[k] + d[k] * dt;
  return out;
}

/** x += noise * scale, elementwise, in place (x is a state the current step owns). */
function addNoise(x: Float32Array, noise: Float32Array, scale: number): Float32Array {
  for (let k = 0; k < x.length; k++) x[k] = x[k] + noise[k] * scale;
  return x;
}

/**
 * Splits a step sigma -> sigmaNext of an ancestral sampler into a deterministic part down to sigmaDown
 * and fresh noise of std sigmaUp, with sigmaDown^2 + sigmaUp^2 = sigmaNext^2 (k-diffusion
 * get_ancestral_step; eta 1 is the DDPM-like amount of noise).
 */
export function ancestralStep(
  sigma: number,
  sigmaNext: number,
  eta = 1,
): { sigmaDown: number; sigmaUp: number } {
  if (eta === 0) return { sigmaDown: sigmaNext, sigmaUp: 0 };
  const sigmaUp = Math.min(
    sigmaNext,
    eta * Math.sqrt((sigmaNext ** 2 * (sigma ** 2 - sigmaNext ** 2)) / sigma ** 2),
  );
  const sigmaDown = Math.sqrt(Math.max(0, sigmaNext ** 2 - sigmaUp ** 2));
  return { sigmaDown, sigmaUp };
}

/** The denoiser with the abort signal checked before and after every call (a call is not interruptible). */
function cancellable(denoise: Denoiser, signal: AbortSignal | undefined, stepIndex: number): Denoiser {
  return async (x, sigma) => {
    if (signal?.aborted) throw new GenerationCancelledError(stepIndex);
    const denoised = await denoise(x, sigma);
    if (signal?.aborted) throw new GenerationCancelledError(stepIndex);
    return denoised;
  };
}

interface StepContext {
  /** The denoiser, cancellable at this step. */
  call: Denoiser;
  x: Float32Array;
  i: number;
  sigmas: readonly number[];
}

/** One step of a sampler: the new state and the first denoised estimate of the step. */
type StepRule = (step: StepContext) => Promise<{ x: Float32Array; denoised: Float32Array }>;

/**
 * The loop every sampler shares: step i goes from sigmas[i] to sigmas[i + 1], then reports progress.
 * `makeRule` runs once per sampling run, so multistep rules can keep their history in a closure.
 */
function stepwise(makeRule: (options: SamplerOptions) => StepRule): Sampler {
  return async (denoise, x, sigmas, options = {}) => {
    const rule = makeRule(options);
    const steps = sigmas.length - 1;
    for (let i = 0; i < steps; i++) {
      // In place: x is the state this loop owns (the caller's start array at step 0, which it handed over).
      if (options.known) replaceKnown(x, options.known, sigmas[i], i);
      const call = cancellable(denoise, options.signal, i);
      const result = await rule({ call, x, i, sigmas });
      x = result.x;
      options.onStep?.({
        step: i,
        steps,
        sigma: sigmas[i],
        sigmaNext: sigmas[i + 1],
        x,
        denoised: result.denoised,
      });
    }
    return x;
  };
}

/**
 * Ancestral DPM-Solver-2 (k-diffusion sample_dpm_2_ancestral, eta 1), the sampler of the released LORIS
 * code: a midpoint step (at the geometric mean of sigma and sigmaDown) to sigmaDown, then fresh noise of
 * std sigmaUp; the last step (sigmaDown = 0) is a plain Euler step. Two denoiser calls per step.
 */
export const sampleAdpm2 = stepwise((options) => {
  const noise = options.noise ?? seededNoise(0);
  return async ({ call, x, i, sigmas }) => {
    const sigma = sigmas[i];
    const denoised = await call(x, sigma);
    const { sigmaDown, sigmaUp } = ancestralStep(sigma, sigmas[i + 1]);
    let next: Float32Array;
    if (sigmaDown === 0) {
      next = eulerStep(x, denoised, sigma, sigmaDown - sigma);
    } else {
      const sigmaMid = Math.exp(Math.log(sigma) + 0.5 * (Math.log(sigmaDown) - Math.log(sigma)));
      const x2 = eulerStep(x, denoised, sigma, sigmaMid - sigma);
      const denoised2 = await call(x2, sigmaMid);
      // x moved along the midpoint's slope: x + toD(x2, sigmaMid, denoised2) * (sigmaDown - sigma).
      const dt = sigmaDown - sigma;
      const fround = Math.fround;
      next = new Float32Array(x.length);
      for (let k = 0; k < x.length; k++) next[k] = x[k] + fround((x2[k] - denoised2[k]) / sigmaMid) * dt;
    }
    if (sigmaUp > 0) addNoise(next, noise(i, x.length), sigmaUp);
    return { x: next, denoised };
  };
});

/** Euler's method on the probability-flow ODE (Algorithm 1 of Karras et al. 2022 without the Heun correction). */
export const sampleEuler = stepwise(() => async ({ call, x, i, sigmas }) => {
  const denoised = await call(x, sigmas[i]);
  return { x: eulerStep(x, denoised, sigmas[i], sigmas[i + 1] - sigmas[i]), denoised };
});

/**
 * Heun's second-order method (Algorithm 1 of Karras et al. 2022, no churn; k-diffusion sample_heun):
 * an Euler predictor corrected by the slope at its end point, Euler alone for the step to sigma 0.
 */
export const sampleHeun = stepwise(() => async ({ call, x, i, sigmas }) => {
  const [sigma, sigmaNext] = [sigmas[i], sigmas[i + 1]];
  const denoised = await call(x, sigma);
  const d = toD(x, sigma, denoised);
  const dt = sigmaNext - sigma;
  const x2 = step(x, d, dt);
  if (sigmaNext === 0) return { x: x2, denoised };
  const d2 = toD(x2, sigmaNext, await call(x2, sigmaNext));
  const dMean = new Float32Array(d.length);
  for (let k = 0; k < d.length; k++) dMean[k] = (d[k] + d2[k]) / 2;
  return { x: step(x, dMean, dt), denoised };
});

/**
 * DPM-Solver++(2M) (Lu et al. 2022, Algorithm 2; k-diffusion sample_dpmpp_2m): a multistep data-prediction
 * solver in t = -log(sigma) that reuses the previous step's denoised estimate, one denoiser call per step,
 * good at 10-25 steps.
 */
export const sampleDpmpp2m = stepwise(() => {
  const tOf = (sigma: number): number => -Math.log(sigma);
  let oldDenoised: Float32Array | undefined;
  return async ({ call, x, i, sigmas }) => {
    const [sigma, sigmaNext] = [sigmas[i], sigmas[i + 1]];
    const denoised = await call(x, sigma);
    const previous = oldDenoised;
    oldDenoised = denoised;
    // t_next = inf: the update reduces to x = denoised.
    if (sigmaNext === 0) return { x: Float32Array.from(denoised), denoised };
    const h = tOf(sigmaNext) - tOf(sigma);
    let target = denoised;
    if (previous) {
      const r = (tOf(sigma) - tOf(sigmas[i - 1])) / h;
      const a = 1 + 1 / (2 * r);
      const b = 1 / (2 * r);
      target = new Float32Array(x.length);
      for (let k = 0; k < x.length; k++) target[k] = a * denoised[k] - b * previous[k];
    }
    const ratio = sigmaNext / sigma;
    const weight = -Math.expm1(-h);
    const next = new Float32Array(x.length);
    for (let k = 0; k < x.length; k++) next[k] = ratio * x[k] + weight * target[k];
    return { x: next, denoised };
  };
});

export const SAMPLER_NAMES = ['adpm2', 'euler', 'heun', 'dpmpp-2m'] as const;
export type SamplerName = (typeof SAMPLER_NAMES)[number];

export const SAMPLERS: Record<SamplerName, Sampler> = {
  adpm2: sampleAdpm2,
  euler: sampleEuler,
  heun: sampleHeun,
  'dpmpp-2m': sampleDpmpp2m,
};

/**
 * Steps a sampler runs when the request names none and the model card's default sampler is another one.
 * The card's own sampler uses the card's steps (50 ADPM2 steps, 99 denoiser calls, in the paper). Heun
 * reaches Euler's error in about half the steps (Karras et al. 2022, fig. 2); DPM-Solver++(2M) is meant
 * for 10-25 steps (Lu et al. 2022), the fast choice.
 */
export const SAMPLER_DEFAULT_STEPS: Readonly<Record<SamplerName, number>> = {
  adpm2: 50,
  euler: 50,
  heun: 25,
  'dpmpp-2m': 20,
};

/** Denoiser calls of a run of `steps` steps (the last step of the second-order samplers is Euler). */
export function denoiserCalls(sampler: SamplerName, steps: number): number {
  return sampler === 'adpm2' || sampler === 'heun' ? 2 * steps - 1 : steps;
}

export function isSamplerName(name: string): name is SamplerName {
  return (SAMPLER_NAMES as readonly string[]).includes(name);
}
