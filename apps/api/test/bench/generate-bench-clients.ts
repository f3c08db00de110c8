// The API clients of `npm run bench:generate`: a fresh tenant with an API key, each client uploading its own
// pose track (libs/synth) and then requesting soundtracks one after another, waiting for each through the
// soundtrackJobUpdated subscription, as a tenant's app would.
import { benchPoses, type BenchRequest } from './generate-bench-request';
import { createApiKey, gql, ok, signUpTenant } from '../support/graphql-client';
import { subscribe, wsClient } from '../support/graphql-ws-client';
import { uploadBytes } from '../support/media-files';
import type { FinishedJob } from './generate-bench-report';

export type { BenchRequest } from './generate-bench-request';

interface JobFields {
  id: string;
  status: string;
  error: { code: string; message: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const FIELDS = 'id status error { code message } createdAt startedAt finishedAt';
const FINISHED = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

/** Signs up a fresh tenant and gives its clients an ENGINEER API key (clients of the API use keys). */
export async function benchTenant(graphqlUrl: string): Promise<string> {
  const owner = await signUpTenant(graphqlUrl, 'bench-generate');
  return (await createApiKey(graphqlUrl, owner.token, 'ENGINEER', 'bench:generate')).secret;
}

async function uploadPoses(baseUrl: string, apiKey: string, poses: unknown): Promise<string> {
  const res = await uploadBytes(baseUrl, Buffer.from(JSON.stringify(poses)), { apiKey });
  if (res.status !== 201) throw new Error(`pose upload failed (${res.status}): ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

const toFinished = (job: JobFields): FinishedJob => ({
  ...job,
  createdAt: new Date(job.createdAt),
  startedAt: job.startedAt ? new Date(job.startedAt) : null,
  finishedAt: job.finishedAt ? new Date(job.finishedAt) : null,
});

export interface ClientRun {
  graphqlUrl: string;
  baseUrl: string;
  apiKey: string;
  request: BenchRequest;
  /** Requests in all, taken in turn by `concurrency` clients. */
  count: number;
  concurrency: number;
  /** Called as each job finishes (progress for the log). */
  onFinished?: (job: FinishedJob, done: number) => void;
}

/** Runs the clients until `count` jobs have finished; the jobs as the API reported them at the end. */
export async function runClients(run: ClientRun): Promise<FinishedJob[]> {
  const finished: FinishedJob[] = [];
  let next = 0;
  const client = async (index: number) => {
    const uploadId = await uploadPoses(run.baseUrl, run.apiKey, benchPoses(run.request, index));
    const socket = wsClient(run.graphqlUrl, { apiKey: run.apiKey });
    try {
      for (let n = next++; n < run.count; n = next++) {
        const job = await requestAndWait(run, socket, { posesUploadId: uploadId, seed: n });
        finished.push(job);
        run.onFinished?.(job, finished.length);
      }
    } finally {
      await socket.dispose();
    }
  };
  await Promise.all(Array.from({ length: Math.min(run.concurrency, run.count) }, (_, i) => client(i)));
  return finished;
}

async function requestAndWait(
  run: ClientRun,
  socket: ReturnType<typeof wsClient>,
  input: { posesUploadId: string; seed: number },
): Promise<FinishedJob> {
  const { requestSoundtrack } = ok(
    await gql<{ requestSoundtrack: JobFields }>(
      run.graphqlUrl,
      `mutation($input: RequestSoundtrackInput!) { requestSoundtrack(input: $input) { ${FIELDS} } }`,
      { input: { ...input, ...run.request } },
      { apiKey: run.apiKey },
    ),
  );
  const updates = subscribe<{ soundtrackJobUpdated: JobFields }>(
    socket,
    `subscription($id: ID!) { soundtrackJobUpdated(id: $id) { ${FIELDS} } }`,
    { id: requestSoundtrack.id },
  );
  const errors = await updates.done;
  if (errors.length) throw new Error(`subscription to ${requestSoundtrack.id} failed: ${errors[0].message}`);
  const last = updates.data.at(-1)?.soundtrackJobUpdated;
  if (!last || !FINISHED.has(last.status)) {
    throw new Error(`the subscription to ${requestSoundtrack.id} ended before the job finished`);
  }
  return toFinished(last);
}
