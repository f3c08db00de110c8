/**
 * NumPy `.npy` format version 1.0 (numpy/lib/format.py): magic "\x93NUMPY", version 1.0, a little-endian
 * uint16 header length, then a Python dict literal padded with spaces and ended by "\n" so the data
 * starts on a 64-byte boundary, then the raw little-endian values in C order.
 */
function encodeNpy(descr: '<f4' | '<f8', data: Float32Array | Float64Array, shape: readonly number[]) {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new RangeError(`npy: shape [${shape.join(', ')}] does not hold ${data.length} values`);
  }
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const preamble = 10; // magic (6) + version (2) + header length (2)
  const padded = Math.ceil((preamble + dict.length + 1) / 64) * 64;
  const header = dict.padEnd(padded - preamble - 1, ' ') + '\n';
  const itemBytes = data.BYTES_PER_ELEMENT;
  const bytes = new Uint8Array(padded + itemBytes * data.length);
  const view = new DataView(bytes.buffer);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]); // \x93 N U M P Y, v1.0
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) bytes[preamble + i] = header.charCodeAt(i);
  if (itemBytes === 4) for (let i = 0; i < data.length; i++) view.setFloat32(padded + 4 * i, data[i], true);
  else for (let i = 0; i < data.length; i++) view.setFloat64(padded + 8 * i, data[i], true);
  return bytes;
}

/** Float32 values as a `.npy` file of the given shape. */
export function encodeNpyFloat32(data: Float32Array, shape: readonly number[]): Uint8Array {
  return encodeNpy('<f4', data, shape);
}

/** Float64 values as a `.npy` file of the given shape (numpy's default float, as the LORIS genre files). */
export function encodeNpyFloat64(data: Float64Array, shape: readonly number[]): Uint8Array {
  return encodeNpy('<f8', data, shape);
}
