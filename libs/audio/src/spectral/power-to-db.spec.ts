import { powerToDb } from './power-to-db';

describe('powerToDb', () => {
  it('is 10 log10(power / ref) with amin as the floor', () => {
    const db = powerToDb(Float32Array.from([1, 10, 100, 0.001]), { topDb: null });
    expect(Array.from(db)).toEqual([0, 10, 20, -30]);
    expect(powerToDb(Float32Array.from([0]), { topDb: null })[0]).toBe(-100);
    expect(powerToDb(Float32Array.from([10]), { ref: 10, topDb: null })[0]).toBe(0);
  });

  it('clamps to top_db below the maximum of the whole array', () => {
    const db = powerToDb(Float32Array.from([1000, 1, 1e-6, 0]));
    expect(Array.from(db)).toEqual([30, 0, -50, -50]);
  });

  it('writes in place when given its input as output', () => {
    const power = Float32Array.from([100, 1]);
    expect(powerToDb(power, {}, power)).toBe(power);
    expect(Array.from(power)).toEqual([20, 0]);
  });
});

describe('powerToDb logarithm', () => {
  it('rounds to the same float32 as Math.log across the whole range above amin', () => {
    // Every 499th float32 bit pattern from 1e-10 to 1e12: all exponents, mantissas spread over the
    // table entries and the series' range.
    const from = new Uint32Array(Float32Array.of(1e-10).buffer)[0];
    const to = new Uint32Array(Float32Array.of(1e12).buffer)[0];
    const bits = Uint32Array.from({ length: Math.floor((to - from) / 499) }, (_, i) => from + 499 * i);
    const power = new Float32Array(bits.buffer);
    const db = powerToDb(power, { topDb: null });
    let mismatches = 0;
    power.forEach((x, i) => {
      const expected = Math.fround(10 * Math.fround(Math.log(x) * Math.LOG10E));
      if (db[i] !== expected) mismatches++;
    });
    expect(power.length).toBeGreaterThan(1_000_000);
    expect(mismatches).toBe(0);
  });

  it('keeps infinity and the floor for zero, negative and NaN power', () => {
    const db = powerToDb(Float32Array.from([Infinity, 0, -1, NaN]), { topDb: null });
    expect(Array.from(db)).toEqual([Infinity, -100, -100, -100]);
  });
});
