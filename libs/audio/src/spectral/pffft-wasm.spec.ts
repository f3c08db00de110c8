import { PffftRealFft, pffftSimdWidth, pffftSupportsRealSize, sharedPffftRealFft } from './pffft-wasm';

/** X[k] of a real signal by the O(N^2) definition. */
function naiveBin(signal: Float32Array, k: number): [number, number] {
  let re = 0;
  let im = 0;
  signal.forEach((x, n) => {
    re += x * Math.cos((2 * Math.PI * k * n) / signal.length);
    im -= x * Math.sin((2 * Math.PI * k * n) / signal.length);
  });
  return [re, im];
}

describe('PFFFT (WebAssembly) real FFT', () => {
  it('loads synchronously from node_modules, with SIMD on this Node', () => {
    expect(pffftSimdWidth()).toBe(4);
  });

  it('knows the sizes PFFFT supports for real transforms', () => {
    for (const size of [32, 64, 96, 2048, 4096, 160]) expect(pffftSupportsRealSize(size)).toBe(true);
    for (const size of [0, 16, 48, 2047, 32 * 7, 1.5]) expect(pffftSupportsRealSize(size)).toBe(false);
    expect(() => new PffftRealFft(16)).toThrow(RangeError);
  });

  it('gives the DFT in the ordered layout [X0, X(N/2), re X1, im X1, ...], unscaled', () => {
    const size = 64;
    const fft = new PffftRealFft(size);
    const signal = Float32Array.from(
      { length: size },
      (_, n) => Math.sin(n * 0.7) + 0.3 * Math.cos(n * 2.1) + 0.1,
    );
    fft.input().set(signal);
    fft.forward();
    const x = fft.output();
    expect(x[0]).toBeCloseTo(naiveBin(signal, 0)[0], 4);
    expect(x[1]).toBeCloseTo(naiveBin(signal, size / 2)[0], 4);
    for (let k = 1; k < size / 2; k++) {
      const [re, im] = naiveBin(signal, k);
      // Only the power is used, so the sign convention of the imaginary part does not matter.
      expect(x[2 * k]).toBeCloseTo(re, 4);
      expect(Math.abs(x[2 * k + 1])).toBeCloseTo(Math.abs(im), 4);
    }
  });

  it('keeps working after another transform grows wasm memory (views are refreshed)', () => {
    const small = new PffftRealFft(32);
    const before = small.input();
    // 2^21 floats x 3 buffers is 24 MiB, more than the module's initial 16 MiB: memory grows, and the
    // old view is detached.
    const large = new PffftRealFft(1 << 21);
    expect(large.size).toBe(1 << 21);
    expect(before.length).toBe(0);
    const input = small.input();
    expect(input.length).toBe(32);
    input.fill(1);
    small.forward();
    expect(small.output()[0]).toBe(32);
    expect(small.output()[2]).toBe(0);
  });

  it('shares one transform per size', () => {
    expect(sharedPffftRealFft(2048)).toBe(sharedPffftRealFft(2048));
    expect(sharedPffftRealFft(1024)).not.toBe(sharedPffftRealFft(2048));
  });
});
