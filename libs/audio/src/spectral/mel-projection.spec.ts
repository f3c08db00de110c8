import { InvalidAudioInput } from '../audio.errors';
import { melFilterbank, melFilterbankToDense, type MelFilterbankOptions } from './mel-filterbank';
import { MelProjection } from './mel-projection';

/** Band-by-band dot product of the dense filterbank, summed in increasing bin order, stored float32. */
function denseProjection(options: MelFilterbankOptions, power: Float64Array): Float32Array {
  return Float32Array.from(
    melFilterbankToDense(melFilterbank(options)).map((row) => {
      let sum = 0;
      row.forEach((weight, k) => {
        if (weight !== 0) sum += weight * power[k];
      });
      return sum;
    }),
  );
}

function randomPower(nBins: number, seed: number): Float64Array {
  let state = seed;
  return Float64Array.from({ length: nBins }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    // Powers spread over 12 decades, as a spectrum with a loud tone over quiet noise.
    return 10 ** ((state / 2147483648) * 12 - 8);
  });
}

describe('MelProjection', () => {
  it.each<[string, MelFilterbankOptions]>([
    ['librosa onset defaults', { sampleRate: 22050, nFft: 2048, fmax: 11025 }],
    ['more bands than low bins hold (empty bands)', { sampleRate: 22050, nFft: 256, nMels: 128 }],
    ['fmin and fmax inside the spectrum', { sampleRate: 16000, nFft: 512, nMels: 40, fmin: 300, fmax: 3000 }],
    ['a single band', { sampleRate: 8000, nFft: 64, nMels: 1 }],
  ])('equals the dense product bit for bit (%s)', (_, options) => {
    const projection = new MelProjection(melFilterbank(options));
    const nBins = options.nFft / 2 + 1;
    for (const seed of [1, 2, 3]) {
      const power = randomPower(nBins, seed);
      const out = new Float32Array(3 * projection.nMels).fill(NaN);
      projection.project(power, out, projection.nMels);
      expect(Array.from(out.subarray(projection.nMels, 2 * projection.nMels))).toEqual(
        Array.from(denseProjection(options, power)),
      );
      // Nothing outside its row is written.
      expect(out.subarray(0, projection.nMels).every(Number.isNaN)).toBe(true);
      expect(out.subarray(2 * projection.nMels).every(Number.isNaN)).toBe(true);
    }
  });

  it('reads only the bins some band covers', () => {
    const options = { sampleRate: 16000, nFft: 512, nMels: 40, fmin: 300, fmax: 3000 };
    const projection = new MelProjection(melFilterbank(options));
    const binHz = 16000 / 512;
    expect(projection.firstBin).toBe(Math.floor(300 / binHz) + 1);
    expect(projection.endBin).toBe(Math.ceil(3000 / binHz));
    const power = randomPower(257, 9);
    const expected = denseProjection(options, power);
    power.fill(NaN, 0, projection.firstBin);
    power.fill(NaN, projection.endBin);
    const out = new Float32Array(40);
    projection.project(power, out, 0);
    expect(Array.from(out)).toEqual(Array.from(expected));
  });

  it('refuses a spectrum holding NaN or infinity', () => {
    const projection = new MelProjection(melFilterbank({ sampleRate: 22050, nFft: 2048 }));
    const power = randomPower(1025, 4);
    power[500] = Infinity;
    expect(() => projection.project(power, new Float32Array(128), 0)).toThrow(InvalidAudioInput);
    power[500] = NaN;
    expect(() => projection.project(power, new Float32Array(128), 0)).toThrow(/NaN or infinite/);
  });
});
