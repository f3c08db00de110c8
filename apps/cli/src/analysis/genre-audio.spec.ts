import { genreConfusion, trainGenreClassifier } from '@loris/metrics';
import { deriveSeed, generateSynthExample, SeededRandom, SYNTH_GENRES } from '@loris/synth';
import { GenreAudioAnalyzer } from './genre-audio';

// A small real corpus: per genre, 3 examples to train on and 2 held out, 15 s each.
const TRAIN = 3;
const HELD_OUT = 2;

describe('genre classifier on synthetic genre audio', () => {
  const analyzer = new GenreAudioAnalyzer();
  const examples = Array.from({ length: TRAIN + HELD_OUT }, (_, i) =>
    SYNTH_GENRES.map((genre, label) => {
      const example = generateSynthExample({ genre, seconds: 15, seed: deriveSeed(11, genre, i) });
      const { values, beatRate } = analyzer.features(example.audio, example.sampleRate);
      return { label, values, beatRate, bpm: example.score.bpm, train: i < TRAIN };
    }),
  ).flat();
  const train = examples.filter((e) => e.train);
  const heldOut = examples.filter((e) => !e.train);

  const heldOutAccuracy = (targets: number[]) => {
    const classifier = trainGenreClassifier(
      train.map((e) => e.values),
      targets,
      SYNTH_GENRES,
    );
    return genreConfusion(
      SYNTH_GENRES.length,
      heldOut.map((e) => e.label),
      heldOut.map((e) => classifier.predict(e.values).index),
    ).accuracy;
  };

  it('measures the groove at the tempo the music was written at', () => {
    const onTempo = examples.filter((e) => Math.abs(e.beatRate - e.bpm) < 0.5);
    expect(onTempo.length).toBeGreaterThanOrEqual(0.9 * examples.length);
  });

  it('recognises held-out examples far above chance (10%)', () => {
    expect(heldOutAccuracy(train.map((e) => e.label))).toBeGreaterThanOrEqual(0.6);
  });

  it('is near chance when it was trained on shuffled labels', () => {
    const shuffled = new SeededRandom(5, 'labels').shuffle(train.map((e) => e.label));
    expect(heldOutAccuracy(shuffled)).toBeLessThanOrEqual(0.3);
  });
});
