/** Modified Bessel function of the first kind, order 0, by its power series (converges fast for x < 50). */
export function besselI0(x: number): number {
  const quarterSquare = (x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 200; k++) {
    term *= quarterSquare / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** Kaiser window value at u in [-1, 1] (u = 0 at the centre), zero outside. */
export function kaiserWindow(u: number, beta: number, i0Beta = besselI0(beta)): number {
  if (u <= -1 || u >= 1) return 0;
  return besselI0(beta * Math.sqrt(1 - u * u)) / i0Beta;
}

/** Kaiser's formula for the beta that gives a stopband attenuation of `attenuationDb` (> 50 dB). */
export function kaiserBeta(attenuationDb: number): number {
  return 0.1102 * (attenuationDb - 8.7);
}
