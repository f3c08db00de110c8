/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
import { writeWav } from '@loris/audio';
import { loadModel, LoadedModel } from '../model/load-model';
import { replayNoise } from '../sampling/random';
import { karrasSigmas } from '../sampling/sampling';
import {
  ParityIndex,
  parityModelDir,
  readFloat32,
  readInt64,
  readParityIndex,
  swayingPoses,
} from '../testing/parity-fixture.testing';
import { generateSoundtrack, sampleAudio } from './generate-soundtrack';
import { EncodedConditions, encodeConditions, rhythmContexts, withNullContexts } from './onnx-denoiser';

describe('parity with the PyTorch reference sampler', () => {
  let index: ParityIndex;
  let model: LoadedModel;

  beforeAll(async () => {
    index = readParityIndex();
    model = await loadModel(parityModelDir(index), { intraOpNumThreads: 1 });
  });

  afterAll(() => model.release());

  it('uses the same noise levels', () => {
    const sigmas = karrasSigmas(index.sampler.steps, index.sampler);
    expect(sigmas).toHaveLength(index.sigmas.length);
    sigmas.forEach((sigma, i) => expect(sigma).toBeCloseTo(index.sigmas[i], 12));
  });

  it('reproduces the PyTorch audio from the same weights and noise', async () => {
    expect(index.sampler.name).toBe('adpm2');
    const contexts = await encodeConditions(model, {
      visual: readFloat32(index, 'visual'),
      rhythm: readFloat32(index, 'rhythm'),
      genre: Number(readInt64(index, 'genre')[0]),
    });
    const out = await sampleAudio(model, contexts, {
      modelSamples: index.samples,
      settings: {
        seed: 0,
        steps: index.sampler.steps,
        sampler: 'adpm2',
        guidance: index.sampler.guidanceScale,
      },
      initial: readFloat32(index, 'initial_noise'),
      noise: replayNoise(index.stepNoise.map((name) => readFloat32(index, name))),
    });
    const expected = readFloat32(index, 'output');
    expect(out).toHaveLength(expected.length);
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(out[i] - expected[i]));
    expect(worst).toBeLessThanOrEqual(index.tolerance);
  });

  describe('null-condition ablations', () => {
    const run = async (ablate: (c: EncodedConditions) => EncodedConditions, guidance: number) => {
      const contexts = await encodeConditions(model, {
        visual: readFloat32(index, 'visual'),
        rhythm: readFloat32(index, 'rhythm'),
        genre: Number(readInt64(index, 'genre')[0]),
      });
      const settings = { seed: 1, steps: 3, sampler: 'adpm2' as const, guidance };
      return sampleAudio(model, ablate(contexts), { modelSamples: index.samples, settings });
    };

    it('with every context nulled, guidance has nothing to amplify', async () => {
      const all = (c: EncodedConditions) => withNullContexts(c, model.contract.contexts);
      const guided = await run(all, 20);
      const unguided = await run(all, 0);
      expect(Buffer.from(guided.buffer).equals(Buffer.from(unguided.buffer))).toBe(true);
    });

    it('nulls only the rhythm contexts for the rhythm ablation', async () => {
      expect(rhythmContexts(model.contract)).toEqual(['rhythm_context', 'rhythm_channels']);
      const full = await run((c) => c, 20);
      const ablated = await run((c) => withNullContexts(c, rhythmContexts(model.contract)), 20);
      expect(Buffer.from(ablated.buffer).equals(Buffer.from(full.buffer))).toBe(false);
    });
  });

  describe('seeded generation', () => {
    const poses = swayingPoses(1.2);
    const wavFor = async (seed: number) => {
      const soundtrack = await generateSoundtrack({
        model,
        poses,
        genre: 'House',
        seconds: 1,
        steps: 4,
        seed,
      });
      return {
        soundtrack,
        wav: writeWav({ sampleRate: soundtrack.sampleRate, channels: [soundtrack.audio] }),
      };
    };

    it('gives byte-identical WAVs for the same seed, at 22050 Hz and the requested length', async () => {
      const first = await wavFor(7);
      const second = await wavFor(7);
      expect(Buffer.from(second.wav).equals(Buffer.from(first.wav))).toBe(true);
      expect(first.soundtrack.sampleRate).toBe(22050);
      expect(first.soundtrack.audio).toHaveLength(22050);
      expect(first.soundtrack).toMatchObject({ seed: 7, steps: 4, sampler: 'adpm2', guidance: 20 });
    });

    it('gives different audio for different seeds', async () => {
      const a = await wavFor(7);
      const b = await wavFor(8);
      expect(Buffer.from(b.wav).equals(Buffer.from(a.wav))).toBe(false);
    });
  });
});
