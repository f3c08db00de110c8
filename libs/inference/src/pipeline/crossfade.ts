// The join between two windows: an equal-power crossfade over their overlap. The textbook equal-power
// gains (cos, sin) keep the power constant for uncorrelated signals, but a continued window's overlap is
// made to match the previous window, and for identical signals cos + sin peaks at sqrt(2): a 3 dB bump
// at every seam. So the gains are divided by the power the sum would have, given the two signals'
// measured correlation r: g^2 (cos^2 + sin^2 + 2 r cos sin) = 1. With r = 0 that is the plain
// equal-power fade; with r = 1 it becomes an equal-gain (linear-sum) fade of two identical signals.

/** Pearson-style correlation of two equally long signals without removing the mean, clamped to [0, 1]. */
export function overlapCorrelation(a: Float32Array, b: Float32Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  if (aa === 0 || bb === 0) return 0;
  return Math.min(1, Math.max(0, ab / Math.sqrt(aa * bb)));
}

/**
 * Crossfades `incoming` into `out` at `start`: over the first `overlap` samples `out` (holding the
 * previous window there) fades out while `incoming` fades in; after that `incoming` is copied. Writes stop
 * at the end of `out`.
 */
export function crossfadeInto(
  out: Float32Array,
  incoming: Float32Array,
  start: number,
  overlap: number,
): void {
  const fade = Math.min(overlap, incoming.length, out.length - start);
  const r = overlapCorrelation(out.subarray(start, start + fade), incoming.subarray(0, fade));
  for (let i = 0; i < fade; i++) {
    const angle = (Math.PI / 2) * ((i + 0.5) / fade);
    const fadeOut = Math.cos(angle);
    const fadeIn = Math.sin(angle);
    const norm = 1 / Math.sqrt(1 + 2 * r * fadeOut * fadeIn);
    out[start + i] = norm * (fadeOut * out[start + i] + fadeIn * incoming[i]);
  }
  const rest = incoming.subarray(fade, Math.max(fade, Math.min(incoming.length, out.length - start)));
  out.set(rest, start + fade);
}
