/**
 * Visual onset envelope (paper eq. 6): the positive first difference of the directogram over time,
 * summed over bins, O(i) = sum_k max(0, D(i + 1, k) - D(i, k)), then divided by its maximum so it lies in
 * [0, 1] (as the released code does; an envelope that is 0 everywhere stays 0, no division by zero).
 * A directogram of T - 1 rows gives T - 2 values.
 */
export function onsetEnvelope(directogramRows: Float64Array, bins: number): Float64Array {
  const rows = directogramRows.length / bins;
  const out = new Float64Array(Math.max(rows - 1, 0));
  let max = 0;
  for (let i = 0; i < out.length; i++) {
    const prev = i * bins;
    const next = prev + bins;
    let flux = 0;
    for (let k = 0; k < bins; k++) {
      const rise = directogramRows[next + k] - directogramRows[prev + k];
      if (rise > 0) flux += rise;
    }
    out[i] = flux;
    if (flux > max) max = flux;
  }
  if (max > 0) for (let i = 0; i < out.length; i++) out[i] /= max;
  return out;
}
