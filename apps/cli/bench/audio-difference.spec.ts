import { audioDifference } from './audio-difference';

describe('audioDifference', () => {
  it('calls bit-equal renderings identical, with no difference', () => {
    const a = Float32Array.from([0.5, -0.25, 0.125]);
    expect(audioDifference(a, Float32Array.from(a))).toEqual({
      identical: true,
      maxAbsDiff: 0,
      rmsDiff: 0,
      snrDb: Infinity,
    });
  });

  it('measures a difference: the largest, the RMS and the SNR against the first', () => {
    const a = Float32Array.from([1, -1, 1, -1]);
    const b = Float32Array.from([1, -1, 1, -0.9]);
    const d = audioDifference(a, b);
    expect(d.identical).toBe(false);
    expect(d.maxAbsDiff).toBeCloseTo(0.1, 6);
    expect(d.rmsDiff).toBeCloseTo(Math.sqrt(0.01 / 4), 6);
    expect(d.snrDb).toBeCloseTo(10 * Math.log10(4 / 0.01), 4);
  });

  it('tells -0 from 0 (bytes, not values) and refuses different lengths', () => {
    expect(audioDifference(Float32Array.from([0]), Float32Array.from([-0])).identical).toBe(false);
    expect(() => audioDifference(new Float32Array(2), new Float32Array(3))).toThrow(/2 and 3 samples/);
  });
});
