import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildApps,
  spawnWorkerProcess,
  startTestApi,
  type TestApi,
  type WorkerProcess,
} from '../../apps/api/test/support';

// The parity fixture: the real model format and sampler, small enough that a few seconds of audio in
// twenty steps take seconds on a busy two-core machine (the shipped default model takes about as long
// as the audio per step).
export const MODEL_DIR = 'libs/inference/fixtures/parity/model';

export interface SoundtrackBackend {
  api: TestApi;
  /** The real worker as its own process (the built dist/), on the API's database, Redis prefix and storage. */
  startWorker(): Promise<WorkerProcess>;
  stop(): Promise<void>;
}

// The API in this process (settings from `env` over the defaults) with a blob store of its own, and workers started when the test wants them: a
// job requested before the first one starts stays QUEUED, so a page can be watched going from queued to
// finished.
export async function startSoundtrackBackend(env: Record<string, string> = {}): Promise<SoundtrackBackend> {
  buildApps();
  const storageDir = mkdtempSync(join(tmpdir(), 'loris-e2e-storage-'));
  // Where workers fetch registry versions' files (a test that pushes a version is served from here).
  const modelCacheDir = mkdtempSync(join(tmpdir(), 'loris-e2e-model-cache-'));
  const api = await startTestApi({
    env: { MODEL_DIR, STORAGE_DIR: storageDir, WORKER_MODEL_CACHE_DIR: modelCacheDir, ...env },
  });
  const workers: WorkerProcess[] = [];
  return {
    api,
    async startWorker() {
      const worker = await spawnWorkerProcess(api.config, {
        WORKER_MODEL_CACHE_DIR: api.config.worker.modelCacheDir,
      });
      workers.push(worker);
      return worker;
    },
    async stop() {
      await Promise.all(workers.map((worker) => worker.kill()));
      await api.stop();
      rmSync(storageDir, { recursive: true, force: true });
      rmSync(modelCacheDir, { recursive: true, force: true });
    },
  };
}
