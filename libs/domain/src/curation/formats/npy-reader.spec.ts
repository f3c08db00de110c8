import { encodeNpyFloat32, encodeNpyFloat64 } from '@loris/synth';
import { isNpy, NpyFormatError, parseNpyHeader, readNpy } from './npy-reader';

/** A real float32 file with its descr changed in place (same length, so the header stays valid). */
function withDescr(descr: string): Uint8Array {
  const bytes = Buffer.from(encodeNpyFloat32(new Float32Array(6), [2, 3]));
  const at = bytes.indexOf("'<f4'");
  bytes.write(`'${descr}'`, at, 'latin1');
  return bytes;
}

describe('readNpy', () => {
  it('reads float32 and float64 files with their shapes, in C order', () => {
    const f4 = readNpy(encodeNpyFloat32(new Float32Array([1, 2.5, 3, 4, 5, -6]), [2, 3]));
    expect(f4).toMatchObject({ dtype: '<f4', shape: [2, 3] });
    expect(Array.from(f4.data)).toEqual([1, 2.5, 3, 4, 5, -6]);
    const f8 = readNpy(encodeNpyFloat64(new Float64Array([0.1, 0, 1]), [1, 3]));
    expect(f8).toMatchObject({ dtype: '<f8', shape: [1, 3] });
    expect(Array.from(f8.data)).toEqual([0.1, 0, 1]);
    expect(isNpy(encodeNpyFloat32(new Float32Array(1), [1]))).toBe(true);
  });

  it('refuses, with the reason, another dtype, Fortran order, a truncated file and a file that is not .npy', () => {
    expect(() => readNpy(withDescr('<i4'))).toThrow(/dtype is <i4; expected float32 \(<f4\) or float64/);
    expect(() => readNpy(withDescr('>f4'))).toThrow(/dtype is >f4/);
    const fortran = Buffer.from(encodeNpyFloat32(new Float32Array(6), [2, 3]));
    fortran.write('True, ', fortran.indexOf('False'), 'latin1');
    expect(() => parseNpyHeader(fortran)).toThrow(/Fortran order/);
    const whole = encodeNpyFloat32(new Float32Array(6), [2, 3]);
    expect(() => readNpy(whole.subarray(0, whole.length - 4))).toThrow(/truncated/);
    expect(() => readNpy(Buffer.from('RIFF....WAVE'))).toThrow(NpyFormatError);
    expect(() => parseNpyHeader(whole.subarray(0, 20))).toThrow(/header is truncated/);
  });
});
