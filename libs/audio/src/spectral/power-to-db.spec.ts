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
