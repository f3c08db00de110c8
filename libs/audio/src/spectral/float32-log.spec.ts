import { readFileSync } from 'fs';
import { join } from 'path';
import { readWav } from '../wav/wav-reader';
import { logOfFloat32 } from './float32-log';
import { MelSpectrogramAnalyzer } from './mel-spectrogram';

/** The float32 that power_to_db stores: log(x) * log10(e), rounded to float32. */
const roundedLog10 = (log: (x: number) => number, x: number): number => Math.fround(log(x) * Math.LOG10E);

describe('logOfFloat32', () => {
  it('rounds to the same float32 as Math.log over 1e-10 .. 1e6', () => {
    let state = 7;
    let differ = 0;
    for (let i = 0; i < 200_000; i++) {
      state = (state * 1103515245 + 12345) % 2147483648;
      const x = Math.fround(10 ** ((state / 2147483648) * 16 - 10));
      if (roundedLog10(logOfFloat32, x) !== roundedLog10(Math.log, x)) differ++;
    }
    expect(differ).toBe(0);
  });

  it('is within a few float64 ulps of Math.log, also across each power of two and table interval', () => {
    const xs = [
      1,
      2,
      0.5,
      1 + 2 ** -23,
      2 - 2 ** -23,
      1 - 2 ** -24,
      1.1754943508222875e-38,
      3.4028234663852886e38,
    ];
    for (let j = 0; j <= 128; j++) xs.push(Math.fround(1 + j / 128), Math.fround(1 + j / 128 - 2 ** -23));
    for (const x of xs) {
      const expected = Math.log(x);
      expect(Math.abs(logOfFloat32(x) - expected)).toBeLessThanOrEqual(
        4e-16 * Math.max(1, Math.abs(expected)),
      );
    }
  });

  it('leaves zero, subnormals, infinity and NaN to Math.log', () => {
    expect(logOfFloat32(0)).toBe(-Infinity);
    expect(logOfFloat32(1e-45)).toBe(Math.log(1e-45));
    expect(logOfFloat32(Infinity)).toBe(Infinity);
    expect(logOfFloat32(NaN)).toBeNaN();
    expect(logOfFloat32(-1)).toBeNaN();
  });

  it('rounds like Math.log on every mel power of a reference clip', () => {
    const fixture = join(__dirname, '..', '..', 'fixtures', 'audio', 'music1.wav');
    const signal = readWav(readFileSync(fixture)).channels[0];
    const mel = new MelSpectrogramAnalyzer({ sampleRate: 22050, fmax: 11025 }).analyze(signal).data;
    const amin = Math.fround(1e-10);
    const differ = mel.filter((power) => {
      const x = power > amin ? power : amin;
      return roundedLog10(logOfFloat32, x) !== roundedLog10(Math.log, x);
    }).length;
    expect(differ).toBe(0);
  });
});
