// How strongly the corpus ties movement to music: per genre, the strict onset F-measure (+-70 ms) of
// the visual rhythm peaks (paper and released-code variants) against the accents, of the benchmark's
// audio onsets against the accents, and of the audio onsets against the visual peaks (the link the
// model has to learn). Prints numbers; asserts nothing.
//   node -r sucrase/register/ts -r tsconfig-paths/register libs/synth/bench/synth-link.bench.ts [seeds] [seconds]
import { OnsetDetector } from '@loris/audio';
import { onsetFMeasure } from '@loris/metrics';
import { visualRhythm } from '@loris/rhythm';
import { generateSynthExample, SYNTH_GENRES } from '../src';

const seeds = Number(process.argv[2] ?? 5);
const seconds = Number(process.argv[3] ?? 25);
const detector = new OnsetDetector({ sampleRate: 22050 });
const columns = [
  'paper peaks/accents',
  'released peaks/accents',
  'audio/accents',
  'audio/paper peaks',
  'peaks per s',
];

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const totals: number[][] = columns.map(() => []);
console.log(
  `${'genre'.padEnd(18)} ${columns.map((c) => c.padStart(24)).join('')}   (${seeds} seeds x ${seconds} s)`,
);
for (const genre of SYNTH_GENRES) {
  const rows: number[][] = columns.map(() => []);
  for (let seed = 0; seed < seeds; seed++) {
    const ex = generateSynthExample({ genre, seconds, seed });
    const accents = ex.score.accents.map((a) => a.time);
    const paper = visualRhythm(ex.poses).peakTimes;
    const released = visualRhythm(ex.poses, { variant: 'reference' }).peakTimes;
    const audio = detector.analyze(ex.audio).onsetTimes;
    const values = [
      onsetFMeasure(accents, paper).fMeasure,
      onsetFMeasure(accents, released).fMeasure,
      onsetFMeasure(accents, audio).fMeasure,
      onsetFMeasure(paper, audio).fMeasure,
      paper.length / seconds,
    ];
    values.forEach((v, i) => {
      rows[i].push(v);
      totals[i].push(v);
    });
  }
  console.log(`${genre.padEnd(18)} ${rows.map((r) => mean(r).toFixed(3).padStart(24)).join('')}`);
}
console.log(`${'all'.padEnd(18)} ${totals.map((r) => mean(r).toFixed(3).padStart(24)).join('')}`);
console.log(
  `${'worst example'.padEnd(18)} ${totals
    .map((r) =>
      Math.min(...r)
        .toFixed(3)
        .padStart(24),
    )
    .join('')}`,
);
