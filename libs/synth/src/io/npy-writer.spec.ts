import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeNpyFloat32 } from './npy-writer';

describe('encodeNpyFloat32', () => {
  const data = Float32Array.from({ length: 12 }, (_, i) => i / 4 - 1);
  const bytes = encodeNpyFloat32(data, [3, 4]);

  it('writes a v1.0 header padded to 64 bytes, then little-endian float32 values', () => {
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const headerLength = bytes[8] | (bytes[9] << 8);
    expect((10 + headerLength) % 64).toBe(0);
    const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLength));
    expect(header).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(3, 4\), \} *\n$/);
    const values = new Float32Array(bytes.slice(10 + headerLength).buffer);
    expect(Array.from(values)).toEqual(Array.from(data));
  });

  it('is read back by NumPy with the same shape, dtype and values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'npy-'));
    try {
      const file = join(dir, 'x.npy');
      writeFileSync(file, bytes);
      const script =
        'import sys, numpy as np, json; a = np.load(sys.argv[1]); print(json.dumps([a.dtype.str, list(a.shape), a.ravel().tolist()]))';
      const out = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file]).toString());
      expect(out).toEqual(['<f4', [3, 4], Array.from(data)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a shape that does not hold the data', () => {
    expect(() => encodeNpyFloat32(data, [5, 4])).toThrow(RangeError);
  });
});
