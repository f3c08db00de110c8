/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// Cancellations racing a running job, on real parts (API, worker, Postgres, Redis, ONNX, ffmpeg + MoveNet):
// a cancel landing after the sampler's last step but before the result is written must leave no blob in
// storage, and a cancel during pose estimation must end the job CANCELLED, stopping the worker there, also
// when the cancel's Redis message never reaches the worker.
import { readdirSync, readFileSync } from 'node:fs';
import { Client } from 'pg';
import Redis from 'ioredis';
import { SOUNDTRACK_JOB_TOPIC } from '@loris/domain';
import {
  gql,
  ok,
  SignedUp,
  synthPosesJson,
  TestApi,
  uploadBytes,
  waitFor,
  requestSoundtrackId,
} from '../support';
import { SoundtrackStack, startSoundtrackStack } from './soundtrack-stack';
import { JobEvents, QueueName, QueueService } from '@loris/engine';

// People walking (OpenCV's vtest.avi, 6 s cut; licence in libs/media/fixtures/LICENSES.md).
const PEOPLE_VIDEO = 'libs/media/fixtures/vtest-6s.mp4';
// The worker's share of a video job's progress for pose estimation (POSE_SHARE): below it, no sampler step ran.
const POSE_SHARE = 0.3;

interface JobUpdate {
  id: string;
  status: string;
  progress: number;
  error: { code: string; message: string } | null;
  audio: { id: string } | null;
  video?: { id: string } | null;
}

const JOB_FIELDS = 'id status progress error { code message } audio { id } video { id }';

describe('cancellations racing a running soundtrack job', () => {
  let stack: SoundtrackStack;
  let api: TestApi;
  let owner: Client;
  let storageDir: string;
  let tenant: SignedUp;

  beforeAll(async () => {
    stack = await startSoundtrackStack('cancel-races');
    ({ api, storageDir, tenant } = stack);
    owner = new Client({ connectionString: api.database.config.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await stack?.stop();
  });

  const upload = async (bytes: Uint8Array) => {
    const res = await uploadBytes(api.baseUrl, bytes, { token: tenant.token });
    expect(res.status).toBe(201);
    return res.body as { id: string; sha256: string };
  };

  const requestJob = (input: Record<string, unknown>) =>
    requestSoundtrackId(api.graphqlUrl, { token: tenant.token }, input);

  const cancelJob = (id: string) =>
    gql<{ cancelSoundtrackJob: JobUpdate }>(
      api.graphqlUrl,
      `mutation($id: ID!) { cancelSoundtrackJob(id: $id) { ${JOB_FIELDS} } }`,
      { id },
      { token: tenant.token },
    );

  const getJob = async (id: string) =>
    ok(
      await gql<{ soundtrackJob: JobUpdate }>(
        api.graphqlUrl,
        `query($id: ID!) { soundtrackJob(id: $id) { ${JOB_FIELDS} } }`,
        { id },
        { token: tenant.token },
      ),
    ).soundtrackJob;

  /** Every update on the job's Redis channel, in order (the worker's steps and the cancellation). */
  const listen = async (id: string) => {
    const redis = new Redis(api.config.redis.url);
    const messages: JobUpdate[] = [];
    redis.on('message', (_channel: string, text: string) => messages.push(JSON.parse(text)));
    await redis.subscribe(api.app.get(JobEvents).updatesChannel(SOUNDTRACK_JOB_TOPIC, id));
    return { messages, close: () => redis.disconnect() };
  };

  /** Waits until the worker has let go of the job, and answers how its Bull job ended. */
  const bullOutcome = async (id: string) => {
    const bull = await api.app.get(QueueService).queue(QueueName.GENERATE).getJob(id);
    const state = await waitFor(
      async () => {
        const now = await bull!.getState();
        return ['completed', 'failed'].includes(now) ? now : undefined;
      },
      'the worker to let go of the job',
      120_000,
    );
    return { state, attemptsMade: bull!.attemptsMade };
  };

  /** The sha256 of every blob in the local store (files named by their hash under ab/cd/). */
  const storedBlobs = () =>
    (readdirSync(storageDir, { recursive: true }) as string[])
      .map((path) => path.split('/').at(-1)!)
      .filter((name) => /^[0-9a-f]{64}$/.test(name))
      .sort();

  /** Server processes of the test database waiting for a lock, optionally only those running `like`. */
  const lockWaiters = async (like = '%') =>
    (
      await owner.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE $1`,
        [like],
      )
    ).rows[0].n as number;

  it('stores no blob when a cancel lands after the last sampler step, before the result is written', async () => {
    const poses = await upload(synthPosesJson(3));
    const id = await requestJob({ posesUploadId: poses.id, genre: 'Pop', seconds: 1.5, steps: 60, seed: 3 });
    const channel = await listen(id);
    const blocker = new Client({ connectionString: api.database.config.ownerUrl });
    await blocker.connect();
    try {
      await waitFor(
        async () =>
          channel.messages.some((m) => m.status === 'RUNNING' && m.progress > 0) ? true : undefined,
        'the sampler to start',
        60_000,
      );
      // Hold the job row's lock: the worker's next progress write waits for it, and so the end of its run
      // (it flushes progress before storing the result), while every step is still published.
      await blocker.query('BEGIN');
      await blocker.query('SELECT id FROM soundtrack_jobs WHERE id = $1 FOR UPDATE', [id]);
      await waitFor(
        async () => ((await lockWaiters('UPDATE%progress%')) > 0 ? true : undefined),
        "the worker's progress write to wait for the row",
        60_000,
      );
      await waitFor(
        async () => (channel.messages.some((m) => m.progress === 1) ? true : undefined),
        'the last sampler step',
        60_000,
      );
      // The cancel queues on the row behind the progress write, so it commits before the worker's result
      // write can take the row: exactly the window between producing the WAV and writing the result.
      const cancelled = cancelJob(id);
      await waitFor(
        async () => ((await lockWaiters()) >= 2 ? true : undefined),
        'the cancel to wait for the row',
      );
      await blocker.query('ROLLBACK');
      expect(ok(await cancelled).cancelSoundtrackJob.status).toBe('CANCELLED');
    } finally {
      await blocker.end();
      channel.close();
    }
    expect(await bullOutcome(id)).toEqual({ state: 'completed', attemptsMade: 0 });
    expect(await getJob(id)).toMatchObject({ status: 'CANCELLED', audio: null, error: null });
    expect(storedBlobs()).toEqual([poses.sha256]);
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM artifacts WHERE kind = 'WAV'`);
    expect(rows[0].n).toBe(0);
  });

  const startVideoJob = async () => {
    const video = await upload(readFileSync(PEOPLE_VIDEO));
    const blobsBefore = storedBlobs();
    const id = await requestJob({ videoUploadId: video.id, genre: 'House', seconds: 6, steps: 2, seed: 1 });
    const channel = await listen(id);
    await waitFor(
      async () => (channel.messages.some((m) => m.status === 'RUNNING' && m.progress > 0) ? true : undefined),
      'pose estimation to start',
      60_000,
    );
    return { id, blobsBefore, channel };
  };

  /** The job ended CANCELLED during pose estimation: no sampler step, no error, no retry, nothing stored. */
  const expectCancelledInPoseEstimation = async (
    id: string,
    blobsBefore: string[],
    channel: { messages: JobUpdate[] },
  ) => {
    expect(await bullOutcome(id)).toEqual({ state: 'completed', attemptsMade: 0 });
    expect(await getJob(id)).toMatchObject({ status: 'CANCELLED', error: null, audio: null, video: null });
    const running = channel.messages.filter((m) => m.status === 'RUNNING');
    expect(Math.max(...running.map((m) => m.progress))).toBeLessThan(POSE_SHARE);
    expect(storedBlobs()).toEqual(blobsBefore);
    const { rows } = await owner.query(
      `SELECT count(*)::int AS n FROM artifacts WHERE kind IN ('WAV', 'MP4')`,
    );
    expect(rows[0].n).toBe(0);
  };

  it('ends a job cancelled during pose estimation CANCELLED, not FAILED, and stops MoveNet there', async () => {
    const { id, blobsBefore, channel } = await startVideoJob();
    try {
      expect(ok(await cancelJob(id)).cancelSoundtrackJob.status).toBe('CANCELLED');
      await expectCancelledInPoseEstimation(id, blobsBefore, channel);
    } finally {
      channel.close();
    }
  });

  it('stops pose estimation for a cancel whose Redis message never reached the worker', async () => {
    const { id, blobsBefore, channel } = await startVideoJob();
    try {
      // What cancelSoundtrackJob writes, without its publish: as if Redis dropped the message.
      await owner.query(
        `UPDATE soundtrack_jobs SET status = 'CANCELLED', finished_at = now() WHERE id = $1 AND status = 'RUNNING'`,
        [id],
      );
      await expectCancelledInPoseEstimation(id, blobsBefore, channel);
    } finally {
      channel.close();
    }
  });
});
