import { readFileSync } from 'fs';
import { join } from 'path';
import { beatsPerSecond } from '@loris/metrics';
import { InvalidAudioInput } from '../audio.errors';
import { readWav } from '../wav/wav-reader';
import { detectOnsets, OnsetDetector } from './onset-detector';

interface OnsetsFixture {
  sample_rate: number;
  clips: Record<
    string,
    {
      samples: number;
      onset_strength: number[];
      onset_frames: number[];
      onset_times: number[];
      beats_per_second: number[];
    }
  >;
}

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const reference = JSON.parse(readFileSync(join(FIXTURES, 'onsets.json'), 'utf8')) as OnsetsFixture;

describe('OnsetDetector against librosa 0.8.0 (fixtures/onsets.json)', () => {
  const detector = new OnsetDetector({ sampleRate: reference.sample_rate });

  it('covers every clip of the fixture', () => {
    expect(Object.keys(reference.clips)).toHaveLength(13);
  });

  it.each(Object.entries(reference.clips))('%s', (name, clip) => {
    const wav = readWav(readFileSync(join(FIXTURES, 'audio', name)));
    expect(wav.sampleRate).toBe(reference.sample_rate);
    const analysis = detector.analyze(wav.channels[0]);
    expect(analysis.samples).toBe(clip.samples);

    expect(analysis.onsetStrength).toHaveLength(clip.onset_strength.length);
    let worst = 0;
    analysis.onsetStrength.forEach((value, i) => {
      worst = Math.max(worst, Math.abs(value - clip.onset_strength[i]));
    });
    expect(worst).toBeLessThan(1e-3);

    expect(analysis.onsetFrames).toEqual(clip.onset_frames);
    analysis.onsetTimes.forEach((time, i) => expect(time).toBeCloseTo(clip.onset_times[i], 6));
    const beats = beatsPerSecond(analysis.onsetTimes, analysis.samples, analysis.sampleRate);
    expect(Array.from(beats)).toEqual(clip.beats_per_second);
  });
});

describe('OnsetDetector with the float64 STFT (fft.js)', () => {
  it('agrees with librosa and with the float32 default on a clip', () => {
    const name = 'music0.wav';
    const clip = reference.clips[name];
    const signal = readWav(readFileSync(join(FIXTURES, 'audio', name))).channels[0];
    const double = new OnsetDetector({ sampleRate: reference.sample_rate, precision: 'float64' }).analyze(
      signal,
    );
    const single = new OnsetDetector({ sampleRate: reference.sample_rate }).analyze(signal);
    let worstToReference = 0;
    let worstBetween = 0;
    double.onsetStrength.forEach((value, i) => {
      worstToReference = Math.max(worstToReference, Math.abs(value - clip.onset_strength[i]));
      worstBetween = Math.max(worstBetween, Math.abs(value - single.onsetStrength[i]));
    });
    expect(worstToReference).toBeLessThan(1e-3);
    // The two FFTs differ by float32 rounding, far below what the envelope is checked to.
    expect(worstBetween).toBeLessThan(1e-4);
    expect(double.onsetFrames).toEqual(clip.onset_frames);
    expect(single.onsetFrames).toEqual(double.onsetFrames);
  });
});

describe('OnsetDetector on edge cases', () => {
  const detector = new OnsetDetector({ sampleRate: 22050 });

  it('finds nothing in silence, without NaN', () => {
    const analysis = detector.analyze(new Float32Array(22050));
    expect(analysis.onsetStrength).toHaveLength(44);
    expect(analysis.onsetStrength.every((value) => value === 0)).toBe(true);
    expect(analysis.onsetFrames).toEqual([]);
  });

  it('finds the one click in a click track and places it at the click', () => {
    const signal = new Float32Array(22050 * 2);
    for (let i = 0; i < 64; i++) signal[22050 + i] = i % 2 ? 0.9 : -0.9;
    const { onsetFrames, onsetTimes } = detector.analyze(signal);
    expect(onsetFrames).toHaveLength(1);
    expect(Math.abs(onsetTimes[0] - 1)).toBeLessThan(512 / 22050 + 1e-9);
  });

  it('handles audio shorter than one frame', () => {
    const analysis = detector.analyze(Float32Array.from([0.1, -0.2, 0.3]));
    expect(analysis.onsetStrength).toHaveLength(1);
    expect(analysis.onsetFrames).toEqual([]);
  });

  it('refuses empty audio and non-finite samples', () => {
    expect(() => detector.analyze(new Float32Array(0))).toThrow(InvalidAudioInput);
    const withNaN = new Float32Array(4096);
    withNaN[2000] = NaN;
    expect(() => detector.analyze(withNaN)).toThrow(/NaN or infinite/);
    const withInfinity = new Float32Array(4096);
    withInfinity[10] = Infinity;
    expect(() => detector.analyze(withInfinity)).toThrow(/NaN or infinite/);
  });

  it('refuses a non-positive sample rate', () => {
    expect(() => new OnsetDetector({ sampleRate: 0 })).toThrow(/sample rate must be positive/);
  });

  it('detectOnsets gives the same analysis as a detector', () => {
    const signal = new Float32Array(8192).map((_, i) => Math.sin(i / 3) * (i > 4000 ? 1 : 0.01));
    expect(detectOnsets(signal, 22050)).toEqual(detector.analyze(signal));
  });
});
