import { writeWav } from '@loris/audio';
import { analyseForScoring, scoreSample, scoringAudio, SCORING_SAMPLE_RATE } from './sample-scores';

/** `seconds` of silence with a short decaying 1 kHz burst at each of `times`. */
function bursts(times: number[], seconds: number, sampleRate: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  for (const t of times) {
    const start = Math.round(t * sampleRate);
    for (let i = 0; i < 0.05 * sampleRate && start + i < out.length; i++) {
      out[start + i] =
        0.8 * Math.exp(-i / (0.01 * sampleRate)) * Math.sin((2 * Math.PI * 1000 * i) / sampleRate);
    }
  }
  return out;
}

const every = (step: number, from: number, seconds: number) =>
  Array.from({ length: Math.floor((seconds - from) / step) }, (_, i) => from + i * step);

describe('scoring one generated sample against its ground truth', () => {
  const seconds = 10;
  const beats = every(0.5, 0.25, seconds);
  const truth = analyseForScoring({
    samples: bursts(beats, seconds, SCORING_SAMPLE_RATE),
    sampleRate: SCORING_SAMPLE_RATE,
  });

  it('gives full marks to audio with the ground truth’s onsets, at another rate too', () => {
    const same = analyseForScoring({ samples: bursts(beats, seconds, 11025), sampleRate: 11025 });
    const scores = scoreSample(truth, same, beats);
    expect(scores.bcs).toBe(1);
    expect(scores.bhs).toBe(1);
    expect(scores.f1).toBe(1);
    expect(scores.onsetF).toBeGreaterThan(0.95);
    expect(scores.rhythmF).toBeGreaterThan(0.95);
    expect(scores.generatedOnsets).toBeGreaterThanOrEqual(beats.length - 1);
  });

  it('gives no strict F to onsets 200 ms off, and scores the rhythm only when there is one', () => {
    const late = analyseForScoring({
      samples: bursts(
        beats.map((t) => t + 0.2),
        seconds,
        SCORING_SAMPLE_RATE,
      ),
      sampleRate: SCORING_SAMPLE_RATE,
    });
    const scores = scoreSample(truth, late, null);
    expect(scores.onsetF).toBeLessThan(0.1);
    expect(scores.rhythmF).toBeNull();
  });

  it('misses the beats of silence', () => {
    const silent = analyseForScoring({
      samples: new Float32Array(seconds * SCORING_SAMPLE_RATE),
      sampleRate: SCORING_SAMPLE_RATE,
    });
    const scores = scoreSample(truth, silent, beats);
    expect(scores.bhs).toBe(0);
    expect(scores.onsetF).toBe(0);
    expect(scores.f1).toBe(0);
  });

  it('compares a ground truth that ends short over the seconds both have', () => {
    const short = analyseForScoring({
      samples: bursts(beats, seconds - 1, SCORING_SAMPLE_RATE),
      sampleRate: SCORING_SAMPLE_RATE,
    });
    const full = analyseForScoring({
      samples: bursts(beats, seconds, SCORING_SAMPLE_RATE),
      sampleRate: SCORING_SAMPLE_RATE,
    });
    expect(() => scoreSample(short, full, null)).not.toThrow();
  });

  it('reads a stereo WAV as mono at the scoring rate', () => {
    const left = bursts(beats, seconds, 44100);
    const audio = scoringAudio(writeWav({ sampleRate: 44100, channels: [left, left] }));
    expect(audio.sampleRate).toBe(SCORING_SAMPLE_RATE);
    expect(audio.samples.length).toBe(seconds * SCORING_SAMPLE_RATE);
  });
});
