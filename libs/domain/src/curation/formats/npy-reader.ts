// NumPy .npy files (numpy/lib/format.py) as the LORIS release ships them: the authors' poses (float32
// T×17×3), I3D features (float32 T×1024) and genre one-hots (float64 rows). Only little-endian float32 and
// float64 in C order are read; anything else is refused with the reason, never guessed at.

/** Little-endian float32 or float64, the two dtypes the release uses. */
export type NpyDtype = '<f4' | '<f8';

export interface NpyHeader {
  dtype: NpyDtype;
  shape: number[];
  /** Where the values start: the header is padded so this is a multiple of 16 (64 since numpy 1.24). */
  dataOffset: number;
  /** Bytes of values the shape calls for. */
  dataBytes: number;
}

export interface NpyArray extends NpyHeader {
  /** The values in C order, widened to float64. */
  data: Float64Array;
}

/** Bytes to read from a file's start to be sure its header is in them (numpy headers are a few hundred). */
export const NPY_HEADER_BYTES = 4096;

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ITEM_BYTES: Record<NpyDtype, number> = { '<f4': 4, '<f8': 8 };

/** An .npy file that cannot be read as float32/float64 C-order data, with the reason in words. */
export class NpyFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NpyFormatError';
  }
}

/** Whether the bytes start with the .npy magic. */
export function isNpy(head: Uint8Array): boolean {
  return head.length >= MAGIC.length && MAGIC.every((byte, i) => head[i] === byte);
}

/**
 * The header of an .npy file from its first bytes (NPY_HEADER_BYTES are enough). Throws NpyFormatError
 * naming what is wrong: not .npy, a truncated header, a dtype other than <f4/<f8 (big-endian, integers,
 * objects), Fortran order, or a shape that is not a tuple of sizes.
 */
export function parseNpyHeader(head: Uint8Array): NpyHeader {
  if (!isNpy(head)) throw new NpyFormatError('it is not a NumPy .npy file (no \\x93NUMPY magic)');
  if (head.length < 10) throw new NpyFormatError('its header is truncated');
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const major = head[6];
  if (major < 1 || major > 3) throw new NpyFormatError(`its format version ${major}.${head[7]} is unknown`);
  const lengthBytes = major === 1 ? 2 : 4;
  const start = 8 + lengthBytes;
  if (head.length < start) throw new NpyFormatError('its header is truncated');
  const length = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (head.length < start + length) throw new NpyFormatError('its header is truncated');
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(head.subarray(start, start + length));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new NpyFormatError(`its header is not a NumPy header: ${text.trim()}`);
  }
  // '=' and '|' carry no byte order; a float's '=' is native, little-endian on every platform numpy ships.
  const dtype = descr.replace(/^=/, '<');
  if (dtype !== '<f4' && dtype !== '<f8') {
    throw new NpyFormatError(`its dtype is ${descr}; expected float32 (<f4) or float64 (<f8)`);
  }
  if (fortran === 'True') throw new NpyFormatError('it is stored in Fortran order; save it in C order');
  const parts = shapeText
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.some((part) => !/^\d+$/.test(part)))
    throw new NpyFormatError(`its shape (${shapeText}) is not sizes`);
  const shape = parts.map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  return { dtype, shape, dataOffset: start + length, dataBytes: count * ITEM_BYTES[dtype] };
}

/**
 * A whole .npy file: its header checked (parseNpyHeader), its length checked against the shape (a
 * truncated or padded file is refused), its values widened to float64.
 */
export function readNpy(bytes: Uint8Array): NpyArray {
  const header = parseNpyHeader(bytes.subarray(0, Math.min(bytes.length, NPY_HEADER_BYTES * 16)));
  checkNpyLength(header, bytes.length);
  const view = new DataView(bytes.buffer, bytes.byteOffset + header.dataOffset, header.dataBytes);
  const size = ITEM_BYTES[header.dtype];
  const data = new Float64Array(header.dataBytes / size);
  for (let i = 0; i < data.length; i++) {
    data[i] = size === 4 ? view.getFloat32(4 * i, true) : view.getFloat64(8 * i, true);
  }
  return { ...header, data };
}

/** Refuses a file whose size is not its header plus the values its shape calls for. */
export function checkNpyLength(header: NpyHeader, fileBytes: number): void {
  const expected = header.dataOffset + header.dataBytes;
  if (fileBytes !== expected) {
    throw new NpyFormatError(
      `it is ${fileBytes} bytes but its header (shape (${header.shape.join(', ')}), ${header.dtype}) calls ` +
        `for ${expected}: the file is ${fileBytes < expected ? 'truncated' : 'longer than its data'}`,
    );
  }
}

/** The shape as numpy prints it, e.g. (400, 17, 3). */
export function formatShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}
