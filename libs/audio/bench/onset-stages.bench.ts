// Where the time of onset detection goes: each stage of OnsetDetector.analyze on one 25 s fixture clip
// (decoded, 22050 Hz) timed alone with the detector's parameters, then the FFT alone per library.
// Stages are timed in interleaved rounds, so a load that comes and goes weighs on all of them alike;
// the minimum is the best estimate of the cost without contention, the median what this run saw.
// Prints numbers; asserts nothing. On a busy machine run it as `nice -n -20 node ...`.
//   node -r sucrase/register/ts -r tsconfig-paths/register libs/audio/bench/onset-stages.bench.ts [clip.wav]
import { readFileSync } from 'fs';
import { join } from 'path';
import FFT from 'fft.js';
import { detectOnsetFrames } from '../src/onset/onset-detect';
import { OnsetDetector } from '../src/onset/onset-detector';
import { onsetStrengthFromDb } from '../src/onset/onset-strength';
import { copyFrame, windowFrame } from '../src/spectral/frame-window';
import { hannWindow } from '../src/spectral/hann-window';
import { MelSpectrogramAnalyzer } from '../src/spectral/mel-spectrogram';
import { pffftSimdWidth, sharedPffftRealFft } from '../src/spectral/pffft-wasm';
import { powerToDb } from '../src/spectral/power-to-db';
import { readWav } from '../src/wav/wav-reader';

const N_FFT = 2048;
const HOP = 512;
const ROUNDS = 80;
const WARMUP = 15;
const clip = process.argv[2] ?? join(__dirname, '..', 'fixtures', 'audio', 'music0.wav');
const signal = readWav(readFileSync(clip)).channels[0];

const detector = new OnsetDetector({ sampleRate: 22050 });
const analyzer = new MelSpectrogramAnalyzer({ sampleRate: 22050, nFft: N_FFT, hopLength: HOP, fmax: 11025 });
const { stft } = analyzer;
const frames = analyzer.frameCount(signal.length);
const nMels = analyzer.filterbank.nMels;
const frameStarts = Array.from({ length: frames }, (_, t) => t * HOP - N_FFT / 2);
const pffft = sharedPffftRealFft(N_FFT);
const power = new Float64Array(stft.nBins);
const mel = new Float32Array(frames * nMels);
analyzer.analyze(signal, mel);
const db = powerToDb(mel);
const envelope = onsetStrengthFromDb({ nMels, frames, data: db });
const scratchDb = new Float32Array(mel.length);
const scratchEnvelope = new Float32Array(frames);
const hann = hannWindow(N_FFT);
const jsFft = new FFT(N_FFT);
const jsFrame = new Float64Array(N_FFT).map((_, i) => Math.sin(i));
const jsSpectrum = new Float64Array(2 * N_FFT);
const jsPair = new Float64Array(2 * N_FFT).map((_, i) => Math.sin(i));

const stages: [string, () => void][] = [
  ['whole OnsetDetector.analyze', () => detector.analyze(signal)],
  [
    'framing: copy frames into wasm memory',
    () => {
      for (const first of frameStarts) copyFrame(signal, first, pffft.input());
    },
  ],
  [
    'FFT: PFFFT real forward',
    () => {
      for (let t = 0; t < frames; t++) pffft.forward();
    },
  ],
  [
    'STFT: frame + FFT + Hann-windowed power',
    () => {
      for (let t = 0; t < frames; t++) stft.powerFrame(signal, t, power);
    },
  ],
  ['mel spectrogram: STFT + sparse projection', () => analyzer.analyze(signal, mel)],
  ['powerToDb', () => powerToDb(mel, {}, scratchDb)],
  ['spectral flux', () => onsetStrengthFromDb({ nMels, frames, data: db }, {}, scratchEnvelope)],
  ['normalise + peak pick', () => detectOnsetFrames(envelope)],
  [
    'for comparison: window frames in JS (time domain)',
    () => {
      for (const first of frameStarts) windowFrame(signal, first, hann, pffft.input());
    },
  ],
  [
    'for comparison: fft.js realTransform (float64)',
    () => {
      for (let t = 0; t < frames; t++) jsFft.realTransform(jsSpectrum, jsFrame);
    },
  ],
  [
    'for comparison: fft.js complex, 2 frames each (float64)',
    () => {
      for (let t = 0; t < frames; t += 2) jsFft.transform(jsSpectrum, jsPair);
    },
  ],
];

const samples: number[][] = stages.map(() => []);
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  stages.forEach(([, work], s) => {
    const start = process.hrtime.bigint();
    work();
    if (round >= WARMUP) samples[s].push(Number(process.hrtime.bigint() - start) / 1e6);
  });
}

process.stdout.write(
  `onset stages: ${clip.split('/').pop()}, ${frames} frames of ${N_FFT} (hop ${HOP}), ` +
    `PFFFT SIMD width ${pffftSimdWidth()}, ${ROUNDS} rounds\n`,
);
process.stdout.write(`${'stage'.padEnd(58)} ${'min ms'.padStart(8)} ${'median'.padStart(8)}\n`);
stages.forEach(([label], s) => {
  const sorted = samples[s].sort((a, b) => a - b);
  const min = sorted[0].toFixed(3).padStart(8);
  process.stdout.write(`${label.padEnd(58)} ${min} ${sorted[sorted.length >> 1].toFixed(3).padStart(8)}\n`);
});
