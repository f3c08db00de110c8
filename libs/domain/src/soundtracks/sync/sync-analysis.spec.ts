import { onsetFMeasure } from '@loris/metrics';
import { generateSynthExample } from '@loris/synth';
import { measureSync } from './sync-analysis';

// libs/synth's paired examples: music whose accents a dancer hits, rendered from one seed.
const example = (seed: number) => generateSynthExample({ genre: 'Pop', seconds: 8, seed });
const rhythm = { variant: 'paper' as const };

describe('measureSync', () => {
  it('finds the music meeting its own dancer more often than another dancer', () => {
    const own = example(3);
    const other = example(4);
    const paired = measureSync({
      audio: own.audio,
      sampleRate: own.sampleRate,
      poses: own.poses,
      seconds: 8,
      rhythm,
    });
    const unpaired = measureSync({
      audio: own.audio,
      sampleRate: own.sampleRate,
      poses: other.poses,
      seconds: 8,
      rhythm,
    });
    expect(paired.onsets.length).toBeGreaterThan(5);
    expect(paired.visualBeats.length).toBeGreaterThan(5);
    // Measured: 0.96 for the pair, 0.54 against another seed's dancer.
    expect(paired.fMeasure).toBeGreaterThan(0.8);
    expect(paired.fMeasure).toBeGreaterThan(unpaired.fMeasure + 0.2);
    expect(paired.toleranceSeconds).toBe(0.07);
    // The score is the strict F-measure of exactly the times it stores (beats as reference).
    const again = onsetFMeasure(paired.visualBeats, paired.onsets, { toleranceMs: 70 });
    expect(paired.fMeasure).toBeCloseTo(again.fMeasure, 6);
    expect(paired.precision).toBeCloseTo(again.precision, 6);
    expect(paired.recall).toBeCloseTo(again.recall, 6);
  });

  it('reads poses.json bytes as the parsed track, and keeps only the beats within the result', () => {
    const own = example(5);
    const parsed = measureSync({
      audio: own.audio,
      sampleRate: own.sampleRate,
      poses: own.poses,
      seconds: 8,
      rhythm,
    });
    const bytes = Buffer.from(JSON.stringify(own.poses));
    const short = measureSync({
      audio: own.audio,
      sampleRate: own.sampleRate,
      poses: bytes,
      seconds: 4,
      rhythm,
    });
    expect(short.onsets).toEqual(parsed.onsets);
    expect(short.visualBeats).toEqual(parsed.visualBeats.filter((time) => time <= 4));
    expect(short.visualBeats.length).toBeLessThan(parsed.visualBeats.length);
  });

  it('scores silence 0 without failing: no onsets, nothing in sync', () => {
    const own = example(6);
    const sync = measureSync({
      audio: new Float32Array(own.audio.length),
      sampleRate: own.sampleRate,
      poses: own.poses,
      seconds: 8,
      rhythm,
    });
    expect(sync.onsets).toEqual([]);
    expect(sync).toMatchObject({ fMeasure: 0, precision: 0, recall: 0 });
  });
});
