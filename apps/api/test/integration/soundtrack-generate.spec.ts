/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// The whole soundtrack path on real parts: a pose track from libs/synth uploaded over HTTP, a job requested
// over GraphQL, the real worker (Bull on Redis) running the real ONNX model (the parity fixture until the
// default model lands), progress over a graphql-ws subscription, and the WAV downloaded over HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWav } from '@loris/audio';
import {
  gql,
  ok,
  signUpTenant,
  SignedUp,
  startTestApi,
  startTestWorker,
  subscribe,
  synthPosesJson,
  TestApi,
  TestWorker,
  uploadBytes,
  wsClient,
} from '../support';

const MODEL_DIR = 'libs/inference/fixtures/parity/model';

interface JobUpdate {
  id: string;
  status: string;
  progress: number;
  error: { code: string; message: string } | null;
  audio: { id: string; url: string } | null;
}

describe('generating a soundtrack end to end', () => {
  let api: TestApi;
  let worker: TestWorker;
  let storageDir: string;
  let tenant: SignedUp;

  beforeAll(async () => {
    storageDir = mkdtempSync(join(tmpdir(), 'loris-generate-'));
    api = await startTestApi({ env: { MODEL_DIR, STORAGE_DIR: storageDir } });
    worker = await startTestWorker(api.config);
    tenant = await signUpTenant(api.graphqlUrl, 'generate');
  });

  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('turns an uploaded pose track into a WAV of the requested length at 22050 Hz, reporting progress', async () => {
    const upload = await uploadBytes(api.baseUrl, synthPosesJson(3), { token: tenant.token });
    expect(upload.status).toBe(201);
    const request = await gql<{ requestSoundtrack: { id: string } }>(
      api.graphqlUrl,
      `mutation($input: RequestSoundtrackInput!) { requestSoundtrack(input: $input) { id } }`,
      { input: { posesUploadId: upload.body.id, genre: 'Pop', seconds: 1.5, steps: 3, seed: 11 } },
      { token: tenant.token },
    );
    const { id } = ok(request).requestSoundtrack;
    const updates = subscribe<{ soundtrackJobUpdated: JobUpdate }>(
      wsClient(api.graphqlUrl, { token: tenant.token }),
      `subscription($id: ID!) { soundtrackJobUpdated(id: $id) { id status progress error { code message } audio { id url } } }`,
      { id },
    );
    try {
      expect(await updates.done).toEqual([]);
    } finally {
      await updates.close();
    }
    const seen = updates.data.map((d) => d.soundtrackJobUpdated);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ status: 'SUCCEEDED', progress: 1, error: null });
    const running = seen.filter((u) => u.status === 'RUNNING').map((u) => u.progress);
    // At least one update per sampler step (3), never going backwards.
    expect(running.filter((p) => p > 0).length).toBeGreaterThanOrEqual(3);
    expect(running).toEqual([...running].sort((x, y) => x - y));

    const res = await fetch(`${api.baseUrl}${last.audio!.url}`, {
      headers: { authorization: `Bearer ${tenant.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    const wav = readWav(new Uint8Array(await res.arrayBuffer()));
    expect(wav.sampleRate).toBe(22050);
    expect(wav.channels[0].length).toBe(Math.round(1.5 * 22050));
  });
});
