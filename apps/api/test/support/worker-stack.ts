import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startTestApi, startTestWorker, TestApi, TestWorker } from './test-api';

/** The real API and an in-process worker on a fresh database, with a scratch folder and an owner connection. */
export interface WorkerStack {
  api: TestApi;
  worker: TestWorker;
  /** Connected as the database's owner, to read rows past row-level security. */
  owner: Client;
  /**
   * A scratch folder for the suite's files, removed by stop(): the blob store is its `storage` folder, the
   * worker's model cache its `model-cache` folder.
   */
  work: string;
  storageDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the back end that suites driving jobs end to end (curation, the CLI, the model registry) run
 * against. `env` is added to the API's and worker's configuration (WORKER_CONCURRENCY, MODEL_DIR, ...).
 */
export async function startWorkerStack(
  label: string,
  env: Record<string, string> = {},
): Promise<WorkerStack> {
  const work = mkdtempSync(join(tmpdir(), `loris-${label}-`));
  const storageDir = join(work, 'storage');
  let api: TestApi | undefined;
  let worker: TestWorker | undefined;
  let owner: Client | undefined;
  // Whatever started is stopped again, whether the suite stops it or a later start step throws.
  const stop = async () => {
    await worker?.stop();
    await owner?.end();
    await api?.stop();
    rmSync(work, { recursive: true, force: true });
  };
  try {
    // Everything the stack writes stays in its scratch folder: blobs, and the models workers fetch.
    const own = { STORAGE_DIR: storageDir, WORKER_MODEL_CACHE_DIR: join(work, 'model-cache') };
    api = await startTestApi({ env: { ...own, ...env } });
    worker = await startTestWorker(api.config);
    owner = new Client({ connectionString: api.database.config.ownerUrl });
    await owner.connect();
    return { api, worker, owner, work, storageDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
