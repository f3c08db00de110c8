/**
 * The time left of a generation from the sampler's observed step rate: the share of the work done since
 * the first step was seen, over the time it took. The first step is the baseline rather than the start of
 * generation, so the conditioning encoder's one-off run does not count as sampling time. Undefined until a
 * second step was seen.
 */
export class GenerationEta {
  private first?: { fraction: number; at: number };

  constructor(private readonly now: () => number = () => performance.now()) {}

  /**
   * Records that `fraction` of the generation (every denoiser step of every window: generationFraction)
   * has finished; returns the seconds left at the rate seen so far.
   */
  observe(fraction: number): number | undefined {
    const at = this.now();
    if (fraction >= 1) return 0;
    if (!this.first || fraction < this.first.fraction) {
      this.first = { fraction, at };
      return undefined;
    }
    const done = fraction - this.first.fraction;
    const elapsedMs = at - this.first.at;
    if (done <= 0 || elapsedMs <= 0) return undefined;
    const secondsLeft = ((1 - fraction) * elapsedMs) / done / 1000;
    // Tenths: finer is noise, and every step publishes it.
    return Math.round(secondsLeft * 10) / 10;
  }
}
