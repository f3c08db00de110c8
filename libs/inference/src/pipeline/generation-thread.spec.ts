/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
import { join } from 'node:path';
import { generateSynthExample } from '@loris/synth';
import { GenerationCancelledError, ModelNotFoundError, RequestMismatchError } from '../inference.errors';
import { readContractCached } from '../model/contract-cache';
import { loadModel } from '../model/load-model';
import { generateSoundtrack, type StepProgress } from './generate-soundtrack';
import { GenerationThread } from './generation-thread';

const MODEL_DIR = join(__dirname, '..', '..', '..', '..', 'models', 'default');
const poses = generateSynthExample({ genre: 'House', seconds: 3, seed: 5 }).poses;
const request = { poses, genre: 'House', seconds: 2, steps: 3, seed: 9 };

describe('GenerationThread (the shipped default model on a worker thread)', () => {
  let thread: GenerationThread;

  beforeAll(async () => {
    thread = await GenerationThread.start(MODEL_DIR);
  }, 60_000);

  afterAll(() => thread?.close());

  it('reports what its sessions run on: a CUDA request on this CPU-only machine falls back, with the reason', async () => {
    expect(thread.loaded).toEqual({ executionProviders: ['cpu'] });
    const cudaThread = await GenerationThread.start(MODEL_DIR, { executionProviders: ['cuda'] });
    try {
      expect(cudaThread.loaded.executionProviders).toEqual(['cpu']);
      expect(cudaThread.loaded.providerFallback).toMatch(/no CUDA provider library/);
    } finally {
      await cudaThread.close();
    }
  }, 60_000);

  it('gives the bytes generateSoundtrack gives in this thread, with progress per step', async () => {
    const steps: StepProgress[] = [];
    const threaded = await thread.generate({ ...request, onStep: (info) => steps.push(info) });
    const model = await loadModel(MODEL_DIR);
    try {
      const inline = await generateSoundtrack({ ...request, model });
      expect(threaded.audio.length).toBe(Math.round(2 * 22050));
      expect(Buffer.from(threaded.audio.buffer).equals(Buffer.from(inline.audio.buffer))).toBe(true);
      expect({ ...threaded, audio: null }).toEqual({ ...inline, audio: null });
    } finally {
      await model.release();
    }
    expect(steps.map((s) => `${s.step}/${s.steps}`)).toEqual(['0/3', '1/3', '2/3']);
  }, 60_000);

  it("resolves a request as generateSoundtrack does: raw bytes with a byte-order mark, the track's length", async () => {
    const short = generateSynthExample({ genre: 'Pop', seconds: 1.5, seed: 2 }).poses;
    const bytes = Buffer.from(`\uFEFF${JSON.stringify(short)}`);
    const threaded = await thread.generate({ poses: bytes, genre: 'Pop', steps: 2 });
    expect(threaded.seconds).toBe(1.5);
    expect(threaded.audio).toHaveLength(1.5 * 22050);
    const model = await loadModel(MODEL_DIR);
    try {
      const inline = await generateSoundtrack({ model, poses: short, genre: 'Pop', steps: 2 });
      expect(Buffer.from(threaded.audio.buffer).equals(Buffer.from(inline.audio.buffer))).toBe(true);
    } finally {
      await model.release();
    }
  }, 60_000);

  it('works from the card the caller already parsed', async () => {
    expect(thread.contract).toBe(await readContractCached(MODEL_DIR));
  });

  it('refuses a bad request on the calling thread with the usual error', async () => {
    await expect(thread.generate({ ...request, genre: 'Polka' })).rejects.toBeInstanceOf(
      RequestMismatchError,
    );
  });

  it('stops within a step when the signal aborts, and keeps serving', async () => {
    const controller = new AbortController();
    const run = thread.generate({
      ...request,
      steps: 40,
      signal: controller.signal,
      onStep: ({ step }) => step === 1 && controller.abort(),
    });
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenerationCancelledError);
    expect((error as GenerationCancelledError).step).toBeLessThanOrEqual(3);
    expect((await thread.generate(request)).audio.length).toBe(44100);
  }, 60_000);

  it('runs concurrent requests to their own results', async () => {
    const [a, b] = await Promise.all([thread.generate(request), thread.generate({ ...request, seed: 10 })]);
    const again = await thread.generate(request);
    expect(Buffer.from(a.audio.buffer).equals(Buffer.from(again.audio.buffer))).toBe(true);
    expect(Buffer.from(a.audio.buffer).equals(Buffer.from(b.audio.buffer))).toBe(false);
  }, 60_000);
});

describe('GenerationThread lifecycle', () => {
  it('refuses a missing model directory before starting a thread', async () => {
    await expect(GenerationThread.start('/nonexistent/model')).rejects.toBeInstanceOf(ModelNotFoundError);
  });

  it('fails requests after close and says it is no longer alive', async () => {
    const thread = await GenerationThread.start(MODEL_DIR);
    expect(thread.alive).toBe(true);
    await thread.close();
    expect(thread.alive).toBe(false);
    await expect(thread.generate(request)).rejects.toThrow(/closed/);
  }, 60_000);
});
