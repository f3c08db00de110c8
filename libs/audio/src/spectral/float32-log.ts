const MANTISSA_BITS = 23;
const TABLE_BITS = 7;
const TABLE_SIZE = 1 << TABLE_BITS;
const SMALLEST_NORMAL = 1.1754943508222875e-38;

// The table splits [1, 2) into 128 intervals; entry j holds its centre c, 1 / c and ln c.
const centre = new Float64Array(TABLE_SIZE);
const inverse = new Float64Array(TABLE_SIZE);
const logCentre = new Float64Array(TABLE_SIZE);
for (let j = 0; j < TABLE_SIZE; j++) {
  centre[j] = 1 + (j + 0.5) / TABLE_SIZE;
  inverse[j] = 1 / centre[j];
  logCentre[j] = Math.log(centre[j]);
}
const word = new Uint32Array(1);
const single = new Float32Array(word.buffer);

/**
 * Natural log of a value that is a float32 (as read from a Float32Array), in float64. Other doubles
 * are rounded to float32 first: this is not a general Math.log.
 *
 * Why not Math.log: power_to_db takes 128 logs per frame, and V8's Math.log is an out-of-line call
 * that cost about as much as the rest of the dB and flux stages together. Here the float32's bits give
 * the exponent e and the mantissa m = c (1 + r), with c the centre of one of 128 table intervals,
 * so ln x = e ln 2 + ln c + ln(1 + r) with |r| < 1/256, where the series of ln(1 + r) to r^7 leaves
 * less than 1e-20. The result is within a few float64 ulps of Math.log: rounded to float32, as
 * power_to_db's callers do, it gave the same value for every one of 3 million values spread over
 * 1e-10 .. 1e6 and every mel power of the reference clips. Zero, subnormal, infinite and NaN inputs
 * go to Math.log.
 */
export function logOfFloat32(x: number): number {
  if (!(x >= SMALLEST_NORMAL && x < Infinity)) return Math.log(x);
  single[0] = x;
  const bits = word[0];
  const exponent = (bits >>> MANTISSA_BITS) - 127;
  const j = (bits >>> (MANTISSA_BITS - TABLE_BITS)) & (TABLE_SIZE - 1);
  const mantissa = 1 + (bits & 0x7fffff) * 2 ** -MANTISSA_BITS;
  // m - c is exact (both in [1, 2) with few bits), so r carries only the rounding of 1 / c.
  const r = (mantissa - centre[j]) * inverse[j];
  const series = r - r * r * (1 / 2 - r * (1 / 3 - r * (1 / 4 - r * (1 / 5 - r * (1 / 6 - r / 7)))));
  return exponent * Math.LN2 + logCentre[j] + series;
}
