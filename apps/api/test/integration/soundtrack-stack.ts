// The back end the soundtrack suites run against: the real API and an in-process worker on a fresh database,
// a local blob store in a temp directory, the parity fixture model (small, so jobs take seconds), and one
// signed-up tenant. Not a spec: shared by the suites beside it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signUpTenant, SignedUp, startTestApi, startTestWorker, TestApi, TestWorker } from '../support';

export const PARITY_MODEL_DIR = 'libs/inference/fixtures/parity/model';

export interface SoundtrackStack {
  api: TestApi;
  worker: TestWorker;
  tenant: SignedUp;
  storageDir: string;
  stop(): Promise<void>;
}

/** `modelDir`: the serving model; the parity fixture by default. */
export async function startSoundtrackStack(
  label: string,
  modelDir = PARITY_MODEL_DIR,
): Promise<SoundtrackStack> {
  const storageDir = mkdtempSync(join(tmpdir(), `loris-${label}-`));
  const api = await startTestApi({ env: { MODEL_DIR: modelDir, STORAGE_DIR: storageDir } });
  const worker = await startTestWorker(api.config);
  const tenant = await signUpTenant(api.graphqlUrl, label);
  return {
    api,
    worker,
    tenant,
    storageDir,
    async stop() {
      await worker.stop();
      await api.stop();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}
