/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelNotFoundError } from '../inference.errors';
import { parityModelDir, readParityIndex, swayingPoses } from '../testing/parity-fixture.testing';
import { estimateModelMemory, ModelThreads } from './model-threads';

// The parity model (small, real ONNX graphs) in a folder of its own, so its model.json can be replaced.
const request = { poses: swayingPoses(1), genre: 'Pop', steps: 2 };

describe('ModelThreads', () => {
  let dir: string;
  let threads: ModelThreads;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'loris-threads-'));
    cpSync(parityModelDir(readParityIndex()), dir, { recursive: true });
    threads = new ModelThreads();
  });

  afterEach(async () => {
    await threads.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts one thread for concurrent callers and keeps serving it', async () => {
    const [a, b] = await Promise.all([threads.get(dir), threads.get(dir)]);
    expect(a).toBe(b);
    expect(await threads.get(dir)).toBe(a);
    expect((await a.generate(request)).audio).toHaveLength(22050);
  }, 60_000);

  it('starts another after the thread stopped', async () => {
    const first = await threads.get(dir);
    await first.close();
    const second = await threads.get(dir);
    expect(second).not.toBe(first);
    expect(second.alive).toBe(true);
  }, 60_000);

  it('moves to a new thread when model.json changes, letting the old one finish its job first', async () => {
    const old = await threads.get(dir);
    const running = old.generate(request);
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    writeFileSync(join(dir, 'model.json'), JSON.stringify({ ...json, version: '0.3.0' }));
    const replaced = await threads.get(dir);
    expect(replaced).not.toBe(old);
    expect(replaced.contract.version).toBe('0.3.0');
    expect((await running).modelVersion).toBe('0.2.0');
    await new Promise((resolve) => setImmediate(resolve));
    expect(old.alive).toBe(false);
  }, 60_000);

  it('rejects a failed start and tries again on the next call', async () => {
    await expect(threads.get(join(dir, 'none'))).rejects.toBeInstanceOf(ModelNotFoundError);
    const graph = join(dir, 'conditioner.onnx');
    const bytes = readFileSync(graph);
    writeFileSync(graph, Buffer.alloc(bytes.length));
    await expect(threads.get(dir)).rejects.toThrow(/conditioner\.onnx: sha256 is/);
    writeFileSync(graph, bytes);
    expect((await threads.get(dir)).alive).toBe(true);
  }, 60_000);

  it('keeps the threads within maxBytes, retiring the least recently used unpinned one, never a pinned one', async () => {
    const copies = ['b', 'c', 'pinned'].map((name) => {
      const copy = join(dir, name);
      cpSync(parityModelDir(readParityIndex()), copy, { recursive: true });
      return copy;
    });
    const [b, c, pinned] = copies;
    const first = await threads.get(dir);
    const each = estimateModelMemory(first.contract);
    await threads.close();
    // Room for one unpinned model and a half: a second one retires the first.
    threads = new ModelThreads({ maxBytes: Math.floor(each * 1.5) });
    const always = await threads.get(pinned, { pinned: true });
    const a = await threads.get(dir);
    const running = a.generate(request);
    const next = await threads.get(b);
    expect(threads.loadedDirs).toEqual([pinned, b]);
    // The retired thread finishes the generation it was running, then closes.
    expect((await running).audio).toHaveLength(22050);
    await new Promise((resolve) => setImmediate(resolve));
    expect(a.alive).toBe(false);
    expect(next.alive).toBe(true);
    // Then c's start retires b, now the least recently used.
    await threads.get(c);
    expect(threads.loadedDirs).toEqual([pinned, c]);
    expect(always.alive).toBe(true);
    // An evicted model loads again on demand.
    expect((await threads.get(dir)).alive).toBe(true);
  }, 120_000);
});
