/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
import { GenerationCancelledError } from '../inference.errors';
import { loadModel, LoadedModel } from '../model/load-model';
import { parityModelDir, readParityIndex, swayingPoses } from '../testing/parity-fixture.testing';
import { generateSoundtrack } from './generate-soundtrack';
import type { GenerationStep } from './generation-progress';
import { prepareGeneration } from './prepare-generation';
import type { GenerationWindow } from './window-plan';
import { renderWindows } from './windowed-render';

// The parity model's window is 8192 samples (0.74 s at 11025 Hz): 3 s is 6 windows.
describe('long requests in windows that continue each other (parity model)', () => {
  let model: LoadedModel;
  const poses = swayingPoses(3.2);
  const request = { poses, genre: 'House', seconds: 3, steps: 3, seed: 21, sampler: 'dpmpp-2m' as const };

  beforeAll(async () => {
    model = await loadModel(parityModelDir(readParityIndex()), { intraOpNumThreads: 1 });
  });

  afterAll(() => model.release());

  it('gives the same bytes for the same seed, other bytes for another, at the requested length', async () => {
    const a = await generateSoundtrack({ model, ...request });
    const b = await generateSoundtrack({ model, ...request });
    const c = await generateSoundtrack({ model, ...request, seed: 22 });
    expect(a.audio).toHaveLength(3 * 22050);
    expect(Buffer.from(b.audio.buffer).equals(Buffer.from(a.audio.buffer))).toBe(true);
    expect(Buffer.from(c.audio.buffer).equals(Buffer.from(a.audio.buffer))).toBe(false);
  });

  it('reports every step of every window, in order', async () => {
    const seen: string[] = [];
    await generateSoundtrack({
      model,
      ...request,
      onStep: ({ window, windows, step, steps }: GenerationStep) =>
        seen.push(`${window + 1}/${windows}:${step + 1}/${steps}`),
    });
    const windows = 6;
    expect(seen).toEqual(
      Array.from({ length: windows * 3 }, (_, i) => `${Math.floor(i / 3) + 1}/${windows}:${(i % 3) + 1}/3`),
    );
  });

  it('stops within one step when cancelled in the middle of window 3', async () => {
    const controller = new AbortController();
    const seen: GenerationStep[] = [];
    const run = generateSoundtrack({
      model,
      ...request,
      steps: 6,
      signal: controller.signal,
      onStep: (info) => {
        seen.push(info);
        if (info.window === 2 && info.step === 2) controller.abort();
      },
    });
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenerationCancelledError);
    // The abort came after step 3 of window 3; step 4 of window 3 (request step 2 * 6 + 3) never ran.
    expect((error as GenerationCancelledError).step).toBe(2 * 6 + 3);
    const last = seen[seen.length - 1];
    expect([last.window, last.step]).toEqual([2, 2]);
  });

  it("holds each window's overlap to the previous window's audio (continuation by replacement)", async () => {
    const { conditions, settings } = prepareGeneration(model.contract, { ...request, steps: 8 });
    const raws: { window: GenerationWindow; raw: Float32Array }[] = [];
    await renderWindows(model, conditions, settings, {
      onWindow: (window, raw) => raws.push({ window, raw }),
    });
    expect(raws).toHaveLength(6);
    const channels = model.contract.channels;
    for (let k = 1; k < raws.length; k++) {
      const previous = raws[k - 1];
      const { window, raw } = raws[k];
      const shift = window.start - previous.window.start;
      let error = 0;
      let energy = 0;
      let fresh = 0;
      for (let c = 0; c < channels; c++) {
        for (let j = 0; j < window.overlap; j++) {
          const known = previous.raw[c * previous.window.samples + shift + j];
          error += (raw[c * window.samples + j] - known) ** 2;
          energy += known ** 2;
          // The part after the overlap is new: compared with the known audio it is as far as noise.
          const later =
            raw[c * window.samples + window.overlap + (j % (window.wantedSamples - window.overlap))];
          fresh += (later - known) ** 2;
        }
      }
      // Within 1% of the signal's energy at sigma -> 0 (the last step denoises it once more).
      expect(error / energy).toBeLessThan(0.01);
      expect(fresh / energy).toBeGreaterThan(0.2);
    }
  });
});
