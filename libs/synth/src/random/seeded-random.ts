// The corpus must be byte-identical for a seed on every run and machine, so every random choice goes
// through this generator (never Math.random). Each part of an example (score, audio, dance, noise) draws
// from its own named stream, so a change in how one part consumes numbers never shifts another part.

const TWO_POW_32 = 4294967296;

/** splitmix32 (after Vigna's splitmix64, 32-bit constants of Mulberry32): a seed scrambler. */
function splitmix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a over UTF-16 code units: turns a stream name into 32 bits. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A 32-bit seed derived from a parent seed and labels (dataset seed + example index, say). */
export function deriveSeed(seed: number, ...labels: Array<string | number>): number {
  let h = splitmix32(seed >>> 0);
  for (const label of labels) h = splitmix32(h ^ fnv1a(String(label)));
  return h;
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, PractRand) seeded as documented here:
 * a = splitmix32(s), b = splitmix32(a), c = splitmix32(b), counter d = 1, where s = deriveSeed(seed,
 * stream); then 12 outputs are discarded to mix the state. The counter guarantees a period of at least
 * 2^32 whatever the seed.
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;
  private spareNormal: number | null = null;

  constructor(seed: number, stream = '') {
    const s = deriveSeed(seed, stream);
    this.a = splitmix32(s);
    this.b = splitmix32(this.a);
    this.c = splitmix32(this.b);
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** The next 32-bit unsigned output. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [lo, hi] (both ends included). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** -1 or +1 with equal odds. */
  sign(): number {
    return this.next() < 0.5 ? -1 : 1;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Standard normal by the Box-Muller transform; the second value of each pair is kept for the next call. */
  normal(): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return spare;
    }
    const u1 = (this.nextUint32() + 1) / TWO_POW_32; // (0, 1]: log never sees 0
    const angle = 2 * Math.PI * this.next();
    const radius = Math.sqrt(-2 * Math.log(u1));
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** A uniformly shuffled copy (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}
