// The worker: a job enqueued through the API's queue module is processed by a running worker (real Bull on
// real Redis), inside the tenant's transaction; stopping the worker waits for the job it is running.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  gql,
  ok,
  signUpTenant,
  SignedUp,
  startTestApi,
  startTestWorker,
  TestApi,
  TestWorker,
} from '../support';
import { QueueName, QueueService, RECORD_AUDIT_EVENT } from '@loris/engine';

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('worker', () => {
  let api: TestApi;
  let worker: TestWorker | undefined;
  let owner: Client;
  let tenant: SignedUp;

  const auditRows = async (objectId: string) =>
    (
      await owner.query(
        'SELECT tenant_id, action, actor_user_id, details FROM audit_events WHERE object_id = $1',
        [objectId],
      )
    ).rows;

  beforeAll(async () => {
    api = await startTestApi();
    owner = new Client({ connectionString: api.database.config.ownerUrl });
    await owner.connect();
    tenant = await signUpTenant(api.graphqlUrl, 'worker');
  });

  afterAll(async () => {
    await worker?.stop();
    await owner?.end();
    await api?.stop();
  });

  it('processes the audit job the API enqueues when a dataset is created', async () => {
    worker = await startTestWorker(api.config);
    const res = await gql<{ createDataset: { id: string } }>(
      api.graphqlUrl,
      'mutation { createDataset(input: { name: "Queued", category: DANCE }) { id } }',
      {},
      { token: tenant.token },
    );
    const { id } = ok(res).createDataset;
    const rows = await waitFor(async () => {
      const found = await auditRows(id);
      return found.length ? found : undefined;
    }, 'the audit row');
    expect(rows).toEqual([
      {
        tenant_id: tenant.tenantId,
        action: 'dataset.created',
        actor_user_id: tenant.userId,
        details: { name: 'Queued', category: 'DANCE' },
      },
    ]);
  });

  it('marks a job that keeps failing as failed after its attempts, and goes on with the next', async () => {
    const queue = api.app.get(QueueService).queue(QueueName.AUDIT);
    const payload = (occurredAt: string, action: string) => ({
      tenantId: tenant.tenantId,
      action,
      actorUserId: null,
      actorApiKeyId: null,
      objectType: 'probe',
      objectId: tenant.userId,
      requestId: null,
      details: {},
      occurredAt,
    });
    const bad = await queue.add('record-audit-event', payload('not a date', 'bad'), {
      attempts: 2,
      backoff: 10,
    });
    const good = await queue.add('record-audit-event', payload(new Date().toISOString(), 'good'), {
      attempts: 1,
    });
    await waitFor(
      async () => ((await bad.getState()) === 'failed' ? true : undefined),
      'the bad job to fail',
    );
    expect((await queue.getJob(bad.id))?.attemptsMade).toBe(2);
    await waitFor(async () => ((await good.getState()) === 'completed' ? true : undefined), 'the good job');
    expect((await auditRows(tenant.userId)).map((r) => r.action)).toEqual(['good']);
  });

  it('takes jobs only from the queues WORKER_QUEUES names', async () => {
    await worker?.stop();
    worker = undefined;
    const generateOnly = await startTestWorker({
      ...api.config,
      worker: { ...api.config.worker, queues: [QueueName.GENERATE] },
    });
    const probeSubject = randomUUID();
    try {
      const jobId = await api.app.get(QueueService).enqueue(RECORD_AUDIT_EVENT, {
        tenantId: tenant.tenantId,
        action: 'queues.probe',
        actorUserId: tenant.userId,
        actorApiKeyId: null,
        objectType: 'probe',
        objectId: probeSubject,
        requestId: null,
        details: {},
        occurredAt: new Date().toISOString(),
      });
      const queue = api.app.get(QueueService).queue(QueueName.AUDIT);
      // A listener on the audit queue takes a waiting job within milliseconds; a second is generous.
      await new Promise((r) => setTimeout(r, 1000));
      expect(await (await queue.getJob(jobId))?.getState()).toBe('waiting');

      worker = await startTestWorker(api.config);
      await waitFor(
        async () => ((await (await queue.getJob(jobId))?.getState()) === 'completed' ? true : undefined),
        'a worker on every queue to take it',
      );
      expect((await auditRows(probeSubject)).map((r) => r.action)).toEqual(['queues.probe']);
    } finally {
      await generateOnly.stop();
    }
  });

  it('finishes the running job before it stops (graceful shutdown)', async () => {
    worker ??= await startTestWorker(api.config);
    const shutdownProbe = randomUUID();
    // Hold the audit table so the next job blocks inside its transaction, i.e. is running when we stop.
    await owner.query('BEGIN');
    await owner.query('LOCK TABLE audit_events IN ACCESS EXCLUSIVE MODE');
    const jobId = await api.app.get(QueueService).enqueue(RECORD_AUDIT_EVENT, {
      tenantId: tenant.tenantId,
      action: 'shutdown.probe',
      actorUserId: tenant.userId,
      actorApiKeyId: null,
      objectType: 'probe',
      objectId: shutdownProbe,
      requestId: null,
      details: {},
      occurredAt: new Date().toISOString(),
    });
    const queue = api.app.get(QueueService).queue(QueueName.AUDIT);
    await waitFor(
      async () => ((await (await queue.getJob(jobId))?.getState()) === 'active' ? true : undefined),
      'the job to start',
    );

    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    worker = undefined;
    await new Promise((r) => setTimeout(r, 700));
    expect(stopped).toBe(false);

    await owner.query('COMMIT');
    await stopping;
    expect(await (await queue.getJob(jobId))?.getState()).toBe('completed');
    expect((await auditRows(shutdownProbe)).map((r) => r.action)).toEqual(['shutdown.probe']);
  });
});
