// How far two renderings of the same request are apart: the provider-parity bench's measure of whether a
// seed gives the same soundtrack on CUDA as on the CPU.

export interface AudioDifference {
  /** Every sample bit-equal (the byte-reproducibility promise). */
  identical: boolean;
  maxAbsDiff: number;
  rmsDiff: number;
  /** 10·log10(signal power / difference power) of `b` against the reference `a`; Infinity when identical. */
  snrDb: number;
}

export function audioDifference(a: Float32Array, b: Float32Array): AudioDifference {
  if (a.length !== b.length) {
    throw new Error(`the renderings differ in length (${a.length} and ${b.length} samples)`);
  }
  let maxAbsDiff = 0;
  let diffPower = 0;
  let signalPower = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (d > maxAbsDiff) maxAbsDiff = d;
    diffPower += d * d;
    signalPower += a[i] * a[i];
  }
  const identical = Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
  const n = Math.max(a.length, 1);
  return {
    identical,
    maxAbsDiff,
    rmsDiff: Math.sqrt(diffPower / n),
    snrDb: diffPower === 0 ? Infinity : 10 * Math.log10(signalPower / diffPower),
  };
}
