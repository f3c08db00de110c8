// Seeded Gaussian noise for the samplers. Every draw is keyed by (seed, stream): stream 0 is the initial
// noise and stream i + 1 the fresh noise of sampler step i, so a sampler that skips a draw (the last
// ancestral step has sigma_up = 0) never shifts the noise of later steps, and a seed's initial noise does
// not depend on the sampler or the step count.

/** A source of standard normal noise: `length` values for sampler step `step`. */
export type NoiseSource = (step: number, length: number) => Float32Array;

const TWO_POW_32 = 4294967296;

/** One round of a 32-bit integer hash (after Wellons' "lowbias32", with a golden-ratio increment). */
function mix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z ^= z >>> 16;
  z = Math.imul(z, 0x21f0aaad);
  z ^= z >>> 15;
  z = Math.imul(z, 0x735a2d97);
  z ^= z >>> 15;
  return z >>> 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * xoshiro128** 1.1 (Blackman and Vigna 2018): 128 bits of state, 32-bit outputs. The state is filled by
 * chaining mix32 over the seed's two 32-bit halves and the stream index, so nearby seeds and streams
 * start far apart.
 */
export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number, stream = 0) {
    if (!Number.isSafeInteger(seed) || seed < 0)
      throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
    const lo = seed >>> 0;
    const hi = Math.floor(seed / TWO_POW_32) >>> 0;
    let h = mix32(lo ^ mix32(hi ^ mix32(stream >>> 0)));
    this.s0 = h = mix32(h);
    this.s1 = h = mix32(h);
    this.s2 = h = mix32(h);
    this.s3 = mix32(h);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  /** A generator at an explicit state (test vectors of the reference implementation). */
  static fromState(state: readonly [number, number, number, number]): Xoshiro128 {
    const rng = new Xoshiro128(0);
    [rng.s0, rng.s1, rng.s2, rng.s3] = state.map((v) => v | 0);
    return rng;
  }

  /** The next 32-bit unsigned output. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Fills `out` with standard normal values by the Box-Muller transform, two per pair of uniforms. */
  fillGaussian(out: Float32Array): Float32Array {
    for (let i = 0; i < out.length; i += 2) {
      const u1 = (this.nextUint32() + 1) / TWO_POW_32; // (0, 1]: log never sees 0
      const u2 = this.nextUint32() / TWO_POW_32;
      const radius = Math.sqrt(-2 * Math.log(u1));
      const angle = 2 * Math.PI * u2;
      out[i] = radius * Math.cos(angle);
      if (i + 1 < out.length) out[i + 1] = radius * Math.sin(angle);
    }
    return out;
  }
}

/** `length` standard normal values of stream `stream` of `seed`. */
export function gaussianNoise(seed: number, stream: number, length: number): Float32Array {
  return new Xoshiro128(seed, stream).fillGaussian(new Float32Array(length));
}

/** The initial noise of a sampling run (stream 0), before it is scaled by the first sigma. */
export function initialNoise(seed: number, length: number): Float32Array {
  return gaussianNoise(seed, 0, length);
}

/** The per-step noise of a sampling run: step i draws stream i + 1. */
export function seededNoise(seed: number): NoiseSource {
  return (step, length) => gaussianNoise(seed, step + 1, length);
}

/** Replays recorded noise (the trainer's parity fixture), one array per step. */
export function replayNoise(steps: readonly Float32Array[]): NoiseSource {
  return (step, length) => {
    const recorded = steps[step];
    if (!recorded) throw new RangeError(`no recorded noise for step ${step} (have ${steps.length})`);
    if (recorded.length !== length) {
      throw new RangeError(
        `recorded noise for step ${step} has ${recorded.length} values, the sampler needs ${length}`,
      );
    }
    return recorded;
  };
}

/** Streams of a seed that are not sampler steps start here (steps are capped at 1000). */
const WINDOW_SEED_STREAM = 0x5700_0000;
const KNOWN_NOISE_STREAM = 0x4b00_0000;

/**
 * The seed of window `index` of a long request: window 0 keeps the request's seed, later ones a 53-bit
 * value drawn from the seed's own generator, so each window's noise is independent and the whole request
 * is still a function of its one seed.
 */
export function windowSeed(seed: number, index: number): number {
  if (index === 0) return seed;
  const rng = new Xoshiro128(seed, WINDOW_SEED_STREAM + index);
  const hi = rng.nextUint32() >>> 11; // 21 bits: hi * 2^32 + lo stays a safe integer
  return hi * TWO_POW_32 + rng.nextUint32();
}

/** The noise that re-noises a known region at sampler step i (inpainting), apart from the step noise. */
export function knownRegionNoise(seed: number): NoiseSource {
  return (step, length) => gaussianNoise(seed, KNOWN_NOISE_STREAM + step, length);
}
