/**
 * NumPy `.npy` format version 1.0 (numpy/lib/format.py): magic "\x93NUMPY", version 1.0, a little-endian
 * uint16 header length, then a Python dict literal padded with spaces and ended by "\n" so the data
 * starts on a 64-byte boundary, then the raw little-endian float32 values in C order.
 */
export function encodeNpyFloat32(data: Float32Array, shape: readonly number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new RangeError(`npy: shape [${shape.join(', ')}] does not hold ${data.length} values`);
  }
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const preamble = 10; // magic (6) + version (2) + header length (2)
  const padded = Math.ceil((preamble + dict.length + 1) / 64) * 64;
  const header = dict.padEnd(padded - preamble - 1, ' ') + '\n';
  const bytes = new Uint8Array(padded + 4 * data.length);
  const view = new DataView(bytes.buffer);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]); // \x93 N U M P Y, v1.0
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) bytes[preamble + i] = header.charCodeAt(i);
  for (let i = 0; i < data.length; i++) view.setFloat32(padded + 4 * i, data[i], true);
  return bytes;
}
