/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// The serving model's preload and its loaded state, which the worker's readiness reports: on the parity
// fixture model (small), and on a directory with no model in it.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, appConfigFromEnv } from '@loris/engine';
import { createBlobStore } from '@loris/storage';
import { GenerationThreads } from './generation-threads.service';
import { ServingModelService } from './serving-model.service';

const PARITY_MODEL = join(__dirname, '..', '..', '..', 'inference', 'fixtures', 'parity', 'model');

function threadsFor(modelDir: string): GenerationThreads {
  const config: AppConfig = appConfigFromEnv({ MODEL_DIR: modelDir });
  const store = createBlobStore({ STORAGE_DIR: join(tmpdir(), 'loris-threads-store') });
  return new GenerationThreads(new ServingModelService(config), config, store);
}

describe('GenerationThreads.preload', () => {
  it('loads the serving model once for concurrent callers; loaded until shutdown closes it', async () => {
    const threads = threadsFor(PARITY_MODEL);
    expect(threads.modelLoaded).toBe(false);
    const [first, second] = [threads.preload(), threads.preload()];
    expect(second).toBe(first);
    expect(await first).toBe(true);
    expect(threads.modelLoaded).toBe(true);
    await threads.onApplicationShutdown();
    expect(threads.modelLoaded).toBe(false);
    expect(await threads.preload()).toBe(false);
  });

  it('answers false, not loaded, for a directory without a model, and loads it once it is there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loris-no-model-'));
    const threads = threadsFor(join(dir, 'model'));
    try {
      expect(await threads.preload()).toBe(false);
      expect(threads.modelLoaded).toBe(false);
      cpSync(PARITY_MODEL, join(dir, 'model'), { recursive: true });
      expect(await threads.preload()).toBe(true);
      expect(threads.modelLoaded).toBe(true);
    } finally {
      await threads.onApplicationShutdown();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('waits for a load in progress before closing, so no thread outlives the shutdown', async () => {
    const threads = threadsFor(PARITY_MODEL);
    const loading = threads.preload();
    await threads.onApplicationShutdown();
    expect(await loading).toBe(true);
    expect(threads.modelLoaded).toBe(false);
  });
});
