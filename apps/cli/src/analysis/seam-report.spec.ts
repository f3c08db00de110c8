/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// Issue 19's listening claim, as a number: on the default model's 120 s output, the spectral change
// across the seams between windows is within the spread of the same change at points inside windows,
// i.e. a seam is not where the music jumps. (npm run bench:long prints the same for more outputs.)
import { join } from 'path';
import { generateSoundtrack, loadModel, prepareGeneration, type LoadedModel } from '@loris/inference';
import { generateSynthExample } from '@loris/synth';
import { rhythmPeakTimes, seamReport } from './seam-report';

const MODEL_DIR = join(__dirname, '..', '..', '..', '..', 'models', 'default');

describe('the seam score of a 120 s soundtrack from the default model', () => {
  let model: LoadedModel;

  beforeAll(async () => {
    model = await loadModel(MODEL_DIR);
  });
  afterAll(() => model?.release());

  it('finds the seams within the spread of the points inside windows', async () => {
    const poses = generateSynthExample({ genre: 'House', seconds: 120, seed: 1 }).poses;
    const request = { poses, genre: 'House', seconds: 120, steps: 10, sampler: 'dpmpp-2m', seed: 1 } as const;
    const soundtrack = await generateSoundtrack({ model, ...request });
    const rhythm = rhythmPeakTimes(model.contract, prepareGeneration(model.contract, request).conditions);
    const report = seamReport(soundtrack.audio, soundtrack.sampleRate, soundtrack.seams, rhythm);
    expect(report).not.toBeNull();
    const { seamChange, interiorChange } = report!;
    console.log(
      `120 s, ${report!.windows} windows: spectral change at seams ${seamChange.mean.toFixed(3)} ± ` +
        `${seamChange.sd.toFixed(3)} dB, inside windows ${interiorChange.mean.toFixed(3)} ± ` +
        `${interiorChange.sd.toFixed(3)} dB (${interiorChange.points} points)`,
    );
    expect(report!.seams.length).toBeGreaterThan(10);
    expect(Math.abs(seamChange.mean - interiorChange.mean)).toBeLessThanOrEqual(interiorChange.sd);
  }, 120_000);
});
