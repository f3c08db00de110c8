// How close onset detection is to librosa 0.8.0 on every reference clip (fixtures/onsets.json), for each
// STFT precision: the worst and mean absolute error of the onset strength, and whether the onset frames
// are identical. The unit spec checks the tolerance (1e-3); this shows the margin. Asserts nothing.
//   node -r sucrase/register/ts -r tsconfig-paths/register libs/audio/bench/onset-accuracy.bench.ts
import { readFileSync } from 'fs';
import { join } from 'path';
import { OnsetDetector } from '../src/onset/onset-detector';
import type { FftPrecision } from '../src/spectral/stft';
import { readWav } from '../src/wav/wav-reader';

interface OnsetsFixture {
  sample_rate: number;
  clips: Record<string, { onset_strength: number[]; onset_frames: number[] }>;
}

const FIXTURES = join(__dirname, '..', 'fixtures');
const reference = JSON.parse(readFileSync(join(FIXTURES, 'onsets.json'), 'utf8')) as OnsetsFixture;
const precisions: FftPrecision[] = ['float32', 'float64'];
const detectors = precisions.map(
  (precision) => new OnsetDetector({ sampleRate: reference.sample_rate, precision }),
);
const overall = precisions.map(() => ({ worst: 0, sum: 0, count: 0, framesEqual: true }));

const cell = (text: string): string => text.padStart(34);
process.stdout.write(
  `${'clip'.padEnd(28)}${precisions.map((p) => cell(`${p}: max / mean error, frames`)).join('')}\n`,
);
for (const [name, clip] of Object.entries(reference.clips)) {
  const signal = readWav(readFileSync(join(FIXTURES, 'audio', name))).channels[0];
  const cells = detectors.map((detector, d) => {
    const analysis = detector.analyze(signal);
    let worst = 0;
    let sum = 0;
    analysis.onsetStrength.forEach((value, i) => {
      const error = Math.abs(value - clip.onset_strength[i]);
      worst = Math.max(worst, error);
      sum += error;
    });
    const framesEqual = JSON.stringify(analysis.onsetFrames) === JSON.stringify(clip.onset_frames);
    const total = overall[d];
    total.worst = Math.max(total.worst, worst);
    total.sum += sum;
    total.count += analysis.onsetStrength.length;
    total.framesEqual &&= framesEqual;
    const mean = sum / analysis.onsetStrength.length;
    return cell(`${worst.toExponential(2)} / ${mean.toExponential(2)}, ${framesEqual ? 'same' : 'DIFFER'}`);
  });
  process.stdout.write(`${name.padEnd(28)}${cells.join('')}\n`);
}
const totals = overall.map(({ worst, sum, count, framesEqual }) =>
  cell(`${worst.toExponential(2)} / ${(sum / count).toExponential(2)}, ${framesEqual ? 'same' : 'DIFFER'}`),
);
process.stdout.write(`${'all clips'.padEnd(28)}${totals.join('')}\n`);
