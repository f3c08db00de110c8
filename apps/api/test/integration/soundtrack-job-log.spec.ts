/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// The worker logs one JSON line per soundtrack job when it ends (issue 13, point 8): its id, tenant, input
// (artifact id and kind), length, duration, outcome and failure code. The real API and worker, the worker's
// real pino logger writing into this test instead of stdout, the parity fixture model.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { createWorkerApp } from '../../../worker/src/worker-app';
import {
  gql,
  ok,
  signUpTenant,
  SignedUp,
  startTestApi,
  synthPosesJson,
  testPatternMp4,
  TestApi,
  uploadBytes,
  waitFor,
} from '../support';
import { PARITY_MODEL_DIR } from './soundtrack-stack';

jest.setTimeout(180_000);

type LogLine = Record<string, unknown>;

describe('the worker log of a soundtrack job', () => {
  const lines: LogLine[] = [];
  let storageDir: string;
  let api: TestApi;
  let worker: INestApplicationContext;
  let tenant: SignedUp;

  beforeAll(async () => {
    storageDir = mkdtempSync(join(tmpdir(), 'loris-job-log-'));
    api = await startTestApi({ env: { MODEL_DIR: PARITY_MODEL_DIR, STORAGE_DIR: storageDir } });
    worker = await createWorkerApp(api.config, {
      logger: ['log'],
      logDestination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
    });
    tenant = await signUpTenant(api.graphqlUrl, 'job-log');
  });

  afterAll(async () => {
    await worker?.close();
    await api?.stop();
    rmSync(storageDir, { recursive: true, force: true });
  });

  async function requestAndWait(bytes: Uint8Array, input: Record<string, unknown>) {
    const upload = await uploadBytes(api.baseUrl, bytes, { token: tenant.token });
    expect(upload.status).toBe(201);
    const field = upload.body.kind === 'VIDEO' ? 'videoUploadId' : 'posesUploadId';
    const { id } = ok(
      await gql<{ requestSoundtrack: { id: string } }>(
        api.graphqlUrl,
        `mutation($input: RequestSoundtrackInput!) { requestSoundtrack(input: $input) { id } }`,
        { input: { [field]: upload.body.id, genre: 'Pop', steps: 2, seed: 3, ...input } },
        { token: tenant.token },
      ),
    ).requestSoundtrack;
    const line = await waitFor(
      async () => lines.find((l) => l.jobId === id && l.outcome),
      `the end of job ${id} in the worker's log`,
      120_000,
    );
    return { id, uploadId: upload.body.id as string, line };
  }

  it('logs a job that succeeded: id, tenant, input, length, duration and outcome', async () => {
    const { id, uploadId, line } = await requestAndWait(synthPosesJson(3), { seconds: 1.5 });
    expect(line).toMatchObject({
      level: 'info',
      service: 'loris-worker',
      jobId: id,
      tenantId: tenant.tenantId,
      inputArtifactId: uploadId,
      inputKind: 'POSES',
      seconds: 1.5,
      outcome: 'succeeded',
      errorCode: null,
    });
    expect(line.durationSeconds).toEqual(expect.any(Number));
    expect(line.durationSeconds as number).toBeGreaterThan(0);
    expect(line.msg).toMatch(
      new RegExp(`soundtrack job ${id} of tenant ${tenant.tenantId} succeeded: 1.5 s`),
    );
    // One line per job, not one per step or attempt.
    expect(lines.filter((l) => l.jobId === id && l.outcome)).toHaveLength(1);
  });

  it('logs a job that failed with its failure code', async () => {
    const { id, uploadId, line } = await requestAndWait(testPatternMp4(2), { seconds: 2 });
    expect(line).toMatchObject({
      level: 'info',
      jobId: id,
      inputArtifactId: uploadId,
      inputKind: 'VIDEO',
      seconds: 2,
      outcome: 'failed',
      errorCode: 'NO_PERSON_FOUND',
    });
    expect(line.msg).toContain('failed (NO_PERSON_FOUND)');
  });
});
