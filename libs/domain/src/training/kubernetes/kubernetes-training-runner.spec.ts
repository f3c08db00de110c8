// The Kubernetes runner through the real @kubernetes/client-node, against a real local HTTP server that
// speaks the endpoints it calls (no cluster is reachable here): the requests' paths and bodies, and the
// mapping of what the cluster says onto the run's outcome.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubernetesTrainingConfig } from '@loris/engine';
import type {
  TrainerEvent,
  TrainingBackendRef,
  TrainingRunSink,
  TrainingRunSpec,
} from '../runners/training-runner';
import { KubeApiServer } from './kube-api-server.testing';
import { KubernetesTrainingRunner, TrainingExportSource } from './kubernetes-training-runner';
import { hashRunToken, runTokenTenant } from './run-token';
import { TrainingCluster } from './training-cluster';
import { loadTrainingTemplates } from './training-templates';

const RUN = '0b6f2c1e-8a0e-4b5c-9a53-3f1f3c1c2d10';
const TENANT = '5d1e8c3a-1111-4222-8333-944455556666';
const JOB = `train-${RUN}`;
const JOBS = '/apis/batch/v1/namespaces/loris/jobs';
const SECRETS = '/api/v1/namespaces/loris/secrets';
const templates = loadTrainingTemplates(join(__dirname, '../../../../../k8s/base/training'));

const spec: TrainingRunSpec = {
  runId: RUN,
  tenantId: TENANT,
  preset: 'tiny',
  overrides: {},
  steps: 20,
  datasetVersionId: '7a7a7a7a-2222-4333-8444-955566667777',
  resumeCheckpoint: null,
};

/** The train handler's side of the contract, recording what the runner hands it. */
class RecordingSink implements TrainingRunSink {
  events: TrainerEvent[] = [];
  lines: string[] = [];
  refs: { ref: TrainingBackendRef; hash: string }[] = [];
  async event(event: TrainerEvent) {
    this.events.push(event);
  }
  async log(lines: string[]) {
    this.lines.push(...lines);
  }
  async setBackendRef(ref: TrainingBackendRef, hash: string) {
    this.refs.push({ ref, hash });
  }
}

/** The export the pod would have uploaded: a folder written on demand, or none. */
class FolderExports implements TrainingExportSource {
  uploaded = true;
  asked: string[] = [];
  async fetchExport(tenantId: string, runId: string) {
    this.asked.push(`${tenantId}/${runId}`);
    if (!this.uploaded) return undefined;
    const dir = mkdtempSync(join(work, 'export-'));
    writeFileSync(join(dir, 'model.json'), '{}');
    return dir;
  }
}

let work: string;
let server: KubeApiServer;
let settings: KubernetesTrainingConfig;
let exportsSource: FolderExports;

const runner = () =>
  new KubernetesTrainingRunner({
    settings,
    cluster: TrainingCluster.fromSettings(settings),
    templates,
    exports: exportsSource,
    rewatchMs: 50,
    cancelWaitMs: 2000,
  });

const until = async (what: string, check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};
const requests = (method: string, path: string) =>
  server.requests.filter((r) => r.method === method && r.path === path);
const pod = (status: unknown, name = `${JOB}-abcde`) => ({
  metadata: { name, labels: { 'loris.dev/run-id': RUN, 'job-name': JOB } },
  status,
});
/** Started, submitted and watched: the Job resumed and both watches open. */
const started = async (sink: RecordingSink, controller = new AbortController()) => {
  const outcome = runner().run(spec, sink, controller.signal);
  await until(
    'the Job resumed and watched',
    () =>
      requests('PATCH', `${JOBS}/${JOB}`).length > 0 &&
      server.openWatches('jobs') > 0 &&
      server.openWatches('pods') > 0,
  );
  return { outcome, controller };
};

beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'k8s-runner-'));
  server = new KubeApiServer();
  const url = await server.start();
  server.writeKubeconfig(join(work, 'kubeconfig'), url);
  exportsSource = new FolderExports();
  settings = {
    credentials: 'kubeconfig',
    kubeconfigPath: join(work, 'kubeconfig'),
    namespace: 'loris',
    image: 'loris/trainer:0.1.0',
    cudaImage: 'loris/trainer-cuda:0.1.0',
    nodePool: 'gpu',
    tolerations: undefined,
    nodes: 1,
    gpusPerNode: 0,
    templatesDir: undefined,
    reportUrl: 'http://api:4000',
  };
});

afterEach(async () => {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
});

test('success: Job created suspended, Secret owned by it, token hash stored, Job resumed; waiting messages; SUCCEEDED with the export', async () => {
  const sink = new RecordingSink();
  const { outcome } = await started(sink);

  const [createJob] = requests('POST', JOBS);
  const job = createJob.body as { metadata: { name: string }; spec: { suspend: boolean } };
  expect(job.metadata.name).toBe(JOB);
  expect(job.spec.suspend).toBe(true);
  const [createSecret] = requests('POST', SECRETS);
  const secret = createSecret.body as {
    metadata: { name: string; ownerReferences: { kind: string; name: string; uid: string }[] };
    stringData: Record<string, string>;
  };
  expect(secret.metadata.name).toBe(JOB);
  expect(secret.metadata.ownerReferences).toEqual([
    { apiVersion: 'batch/v1', kind: 'Job', name: JOB, uid: server.jobs.get(JOB)!.metadata.uid },
  ]);
  const token = secret.stringData.LORIS_REPORT_TOKEN;
  expect(runTokenTenant(token)).toBe(TENANT);
  expect(secret.stringData.LORIS_REPORT_URL).toBe('http://api:4000');
  expect(sink.refs).toEqual([
    { ref: { kind: 'kubernetes', namespace: 'loris', job: JOB }, hash: hashRunToken(token) },
  ]);
  // The order that keeps pods from starting without their Secret and a stored hash.
  const order = server.requests.map((r) => `${r.method} ${r.path}`).filter((r) => !r.startsWith('GET'));
  expect(order.slice(0, 3)).toEqual([`POST ${JOBS}`, `POST ${SECRETS}`, `PATCH ${JOBS}/${JOB}`]);
  const [patch] = requests('PATCH', `${JOBS}/${JOB}`);
  expect(patch.body).toEqual({ spec: { suspend: false } });
  expect(patch.contentType).toBe('application/merge-patch+json');
  const [jobWatch] = requests('GET', JOBS);
  expect(jobWatch.query).toMatchObject({ watch: 'true', fieldSelector: `metadata.name=${JOB}` });
  const [podWatch] = requests('GET', '/api/v1/namespaces/loris/pods');
  expect(podWatch.query).toMatchObject({ watch: 'true', labelSelector: `loris.dev/run-id=${RUN}` });

  server.setPod(
    pod({
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: '0/3 nodes are available: 3 Insufficient nvidia.com/gpu.',
        },
      ],
    }),
  );
  await until('the unschedulable message', () => sink.lines.some((l) => l.includes('waiting for a node')));
  expect(sink.lines.find((l) => l.includes('waiting for a node'))).toContain('Insufficient nvidia.com/gpu');
  server.setPod(
    pod({ phase: 'Running', containerStatuses: [{ name: 'trainer', image: 'x', state: { running: {} } }] }),
  );
  server.setJob(JOB, { conditions: [{ type: 'Complete', status: 'True' }] });

  const result = await outcome;
  expect(result.status).toBe('SUCCEEDED');
  expect(exportsSource.asked).toEqual([`${TENANT}/${RUN}`]);
  expect(requests('DELETE', `${JOBS}/${JOB}`)).toHaveLength(0);
});

test('pod OOMKilled: FAILED saying so, and the Job is deleted in the foreground', async () => {
  const sink = new RecordingSink();
  const { outcome } = await started(sink);
  server.setPod(
    pod({
      phase: 'Failed',
      containerStatuses: [
        { name: 'trainer', image: 'x', state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } },
      ],
    }),
  );
  const result = await outcome;
  expect(result).toEqual({
    status: 'FAILED',
    message: expect.stringMatching(/container trainer ran out of memory \(OOMKilled/),
  });
  const [deletion] = requests('DELETE', `${JOBS}/${JOB}`);
  expect(deletion.query.propagationPolicy).toBe('Foreground');
});

test('image that cannot be pulled: FAILED naming the image, not waiting forever', async () => {
  const sink = new RecordingSink();
  const { outcome } = await started(sink);
  server.setPod(
    pod({
      phase: 'Pending',
      initContainerStatuses: [
        {
          name: 'dataset',
          image: 'loris/trainer:0.1.0',
          state: {
            waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "loris/trainer:0.1.0"' },
          },
        },
      ],
    }),
  );
  const result = await outcome;
  expect(result.status).toBe('FAILED');
  expect((result as { message: string }).message).toMatch(
    /dataset cannot start: ImagePullBackOff.*loris\/trainer:0\.1\.0/,
  );
  expect(requests('DELETE', `${JOBS}/${JOB}`)).toHaveLength(1);
});

test('trainer exits with an error: FAILED with the exit code and its last lines', async () => {
  const sink = new RecordingSink();
  const { outcome } = await started(sink);
  server.setPod(
    pod({
      phase: 'Failed',
      containerStatuses: [
        {
          name: 'trainer',
          image: 'x',
          state: {
            terminated: {
              exitCode: 2,
              reason: 'Error',
              message: 'error [MANIFEST_INVALID]: manifest.jsonl line 3: no audio',
            },
          },
        },
      ],
    }),
  );
  server.setJob(JOB, { conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] });
  const result = await outcome;
  expect(result).toEqual({
    status: 'FAILED',
    message: expect.stringContaining(
      'container trainer exited with code 2 (Error); last lines:\nerror [MANIFEST_INVALID]',
    ),
  });
});

test("the Job's Failed condition before its pod's event: the pod's exit still names the failure", async () => {
  const sink = new RecordingSink();
  const { outcome } = await started(sink);
  server.setJob(JOB, { conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] });
  await new Promise((resolve) => setTimeout(resolve, 300));
  server.setPod(
    pod({
      phase: 'Failed',
      containerStatuses: [
        { name: 'trainer', image: 'x', state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } },
      ],
    }),
  );
  expect(await outcome).toEqual({
    status: 'FAILED',
    message: expect.stringMatching(/OOMKilled/),
  });
});

test('cancel: the Job is deleted in the foreground and the run resolves CANCELLED once it is gone', async () => {
  server.deleteRemovesJob = false; // foreground: the Job stays while its pods stop
  const sink = new RecordingSink();
  const { outcome, controller } = await started(sink);
  server.setPod(pod({ phase: 'Running' }));
  controller.abort();
  await until('the DELETE', () => requests('DELETE', `${JOBS}/${JOB}`).length === 1);
  expect(requests('DELETE', `${JOBS}/${JOB}`)[0].query.propagationPolicy).toBe('Foreground');
  let settled = false;
  void outcome.then(() => (settled = true));
  await new Promise((r) => setTimeout(r, 100));
  expect(settled).toBe(false); // still waiting for the pods to checkpoint and stop
  // The garbage collector removes the Job after its pods.
  server.deleteRemovesJob = true;
  const job = server.jobs.get(JOB)!;
  server.jobs.delete(JOB);
  (server as unknown as { notify(k: string, t: string, o: unknown): void }).notify('jobs', 'DELETED', job);
  expect(await outcome).toEqual({ status: 'CANCELLED', checkpoint: null });
  expect(sink.lines.some((l) => l.includes('cancel: deleting Job'))).toBe(true);
});

test('409 AlreadyExists (a retried job): follows the same Job and keeps the token its Secret holds', async () => {
  // What the first attempt left: the Job (still suspended) and its Secret.
  server.jobs.set(JOB, { metadata: { name: JOB, uid: 'uid-first', labels: {} }, spec: { suspend: true } });
  const token = `lrt.${TENANT}.${'A'.repeat(43)}`;
  server.secrets.set(JOB, {
    metadata: { name: JOB },
    data: { LORIS_REPORT_TOKEN: Buffer.from(token).toString('base64') },
  });
  const sink = new RecordingSink();
  const { outcome } = await started(sink);
  expect(requests('POST', JOBS)).toHaveLength(1);
  expect(requests('GET', `${JOBS}/${JOB}`)).toHaveLength(1);
  expect(requests('GET', `${SECRETS}/${JOB}`)).toHaveLength(1);
  expect(sink.refs[0].hash).toBe(hashRunToken(token));
  server.setJob(JOB, { conditions: [{ type: 'Complete', status: 'True' }] });
  expect((await outcome).status).toBe('SUCCEEDED');
});

test('the API server ends a watch: the runner watches again and still sees the outcome', async () => {
  const sink = new RecordingSink();
  const { outcome } = await started(sink);
  server.endWatches();
  await until('the watches reopened', () => server.openWatches('jobs') > 0 && server.openWatches('pods') > 0);
  expect(requests('GET', JOBS).length).toBeGreaterThanOrEqual(2);
  server.setJob(JOB, { conditions: [{ type: 'Complete', status: 'True' }] });
  expect((await outcome).status).toBe('SUCCEEDED');
});

test('a succeeded Job whose pod uploaded no export: FAILED, saying so', async () => {
  exportsSource.uploaded = false;
  const { outcome } = await started(new RecordingSink());
  server.setJob(JOB, { conditions: [{ type: 'Complete', status: 'True' }] });
  expect(await outcome).toEqual({
    status: 'FAILED',
    message: expect.stringContaining('uploaded no exported model'),
  });
});

test('RBAC refusal (403): FAILED naming the Role, nothing else attempted', async () => {
  server.refuse.set(`POST ${JOBS}`, 403);
  const sink = new RecordingSink();
  const result = await runner().run(spec, sink, new AbortController().signal);
  expect(result).toEqual({
    status: 'FAILED',
    message: expect.stringMatching(/refused to create Job loris\/train-.*403 Forbidden.*training-jobs Role/),
  });
  expect(requests('POST', SECRETS)).toHaveLength(0);
  expect(sink.refs).toHaveLength(0);
});

test('an unreachable API server is not an outcome: run() rejects, so the job is retried', async () => {
  await server.stop();
  await expect(runner().run(spec, new RecordingSink(), new AbortController().signal)).rejects.toThrow(
    /Kubernetes API unreachable to create Job/,
  );
  server = new KubeApiServer();
  await server.start();
});
