/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// The whole soundtrack path on real parts: a pose track from libs/synth uploaded over HTTP, a job requested
// over GraphQL, the real worker (Bull on Redis) running the real ONNX model (the parity fixture until the
// default model lands), progress over a graphql-ws subscription, and the WAV downloaded over HTTP.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { readWav } from '@loris/audio';
import { probeMedia } from '@loris/media';
import { SOUNDTRACK_JOB_TOPIC } from '@loris/domain';
import {
  gql,
  ok,
  SignedUp,
  subscribe,
  synthPosesJson,
  testPatternMp4,
  TestApi,
  uploadBytes,
  waitFor,
  wsClient,
} from '../support';
import { SoundtrackStack, startSoundtrackStack } from './soundtrack-stack';
import { JobEvents, QueueName, QueueService } from '@loris/engine';

// People walking (OpenCV's vtest.avi, 6 s cut; licence in libs/media/fixtures/LICENSES.md).
const PEOPLE_VIDEO = 'libs/media/fixtures/vtest-6s.mp4';

interface JobUpdate {
  id: string;
  status: string;
  progress: number;
  error: { code: string; message: string } | null;
  audio: { id: string; url: string } | null;
  video?: { id: string; url: string } | null;
}

describe('generating a soundtrack end to end', () => {
  let stack: SoundtrackStack;
  let api: TestApi;
  let storageDir: string;
  let tenant: SignedUp;

  beforeAll(async () => {
    stack = await startSoundtrackStack('generate');
    ({ api, storageDir, tenant } = stack);
  });

  afterAll(() => stack?.stop());

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

  it('stops a running job within one sampler step when it is cancelled, storing no result', async () => {
    const upload = await uploadBytes(api.baseUrl, synthPosesJson(3), { token: tenant.token });
    const { id } = ok(
      await gql<{ requestSoundtrack: { id: string } }>(
        api.graphqlUrl,
        `mutation($input: RequestSoundtrackInput!) { requestSoundtrack(input: $input) { id } }`,
        { input: { posesUploadId: upload.body.id, genre: 'Pop', seconds: 1.5, steps: 400, seed: 5 } },
        { token: tenant.token },
      ),
    ).requestSoundtrack;
    // Every message on the job's channel, in order: the worker's per-step updates and the cancellation.
    const listener = new Redis(api.config.redis.url);
    const messages: JobUpdate[] = [];
    listener.on('message', (_channel: string, text: string) => messages.push(JSON.parse(text)));
    await listener.subscribe(api.app.get(JobEvents).updatesChannel(SOUNDTRACK_JOB_TOPIC, id));
    try {
      await waitFor(
        async () => (messages.some((m) => m.status === 'RUNNING' && m.progress > 0) ? true : undefined),
        'the sampler to start',
        30_000,
      );
      const cancel = await gql<{ cancelSoundtrackJob: JobUpdate }>(
        api.graphqlUrl,
        `mutation($id: ID!) { cancelSoundtrackJob(id: $id) { id status progress } }`,
        { id },
        { token: tenant.token },
      );
      expect(ok(cancel).cancelSoundtrackJob.status).toBe('CANCELLED');
      const bull = await api.app.get(QueueService).queue(QueueName.GENERATE).getJob(id);
      await waitFor(
        async () => (['completed', 'failed'].includes(await bull!.getState()) ? true : undefined),
        'the worker to let go of the job',
        30_000,
      );
      const cancelledAt = messages.findIndex((m) => m.status === 'CANCELLED');
      const stepsAfter = messages.slice(cancelledAt + 1).filter((m) => m.status === 'RUNNING');
      // The step in flight when the cancellation arrived may still report; no later one does.
      expect(stepsAfter.length).toBeLessThanOrEqual(1);
      expect(messages.at(-1)?.progress ?? 0).toBeLessThan(0.5);
    } finally {
      listener.disconnect();
    }
    const after = ok(
      await gql<{ soundtrackJob: JobUpdate }>(
        api.graphqlUrl,
        `query($id: ID!) { soundtrackJob(id: $id) { id status progress error { code message } audio { id url } } }`,
        { id },
        { token: tenant.token },
      ),
    ).soundtrackJob;
    expect(after).toMatchObject({ status: 'CANCELLED', audio: null, error: null });
  });

  const requestVideo = async (bytes: Uint8Array) => {
    const upload = await uploadBytes(api.baseUrl, bytes, { token: tenant.token });
    expect(upload.body.kind).toBe('VIDEO');
    const { id } = ok(
      await gql<{ requestSoundtrack: { id: string } }>(
        api.graphqlUrl,
        `mutation($input: RequestSoundtrackInput!) { requestSoundtrack(input: $input) { id } }`,
        { input: { videoUploadId: upload.body.id, genre: 'House', seconds: 2, steps: 2, seed: 1 } },
        { token: tenant.token },
      ),
    ).requestSoundtrack;
    return waitFor(
      async () => {
        const { soundtrackJob } = ok(
          await gql<{ soundtrackJob: JobUpdate }>(
            api.graphqlUrl,
            `query($id: ID!) { soundtrackJob(id: $id) { id status progress error { code message } audio { id url } video { id url } } }`,
            { id },
            { token: tenant.token },
          ),
        );
        return ['QUEUED', 'RUNNING'].includes(soundtrackJob.status) ? undefined : soundtrackJob;
      },
      'the video job to finish',
      90_000,
    );
  };

  it('estimates poses from a video of people and returns the WAV and the video with it muxed in', async () => {
    const job = await requestVideo(readFileSync(PEOPLE_VIDEO));
    expect(job).toMatchObject({ status: 'SUCCEEDED', error: null });
    const res = await fetch(`${api.baseUrl}${job.video!.url}`, {
      headers: { authorization: `Bearer ${tenant.token}` },
    });
    expect(res.headers.get('content-type')).toBe('video/mp4');
    const path = join(storageDir, 'downloaded.mp4');
    writeFileSync(path, new Uint8Array(await res.arrayBuffer()));
    const probe = await probeMedia(path);
    expect(probe.video).toBeDefined();
    expect(probe.audio).toBeDefined();
    expect(probe.durationSeconds).toBeCloseTo(2, 0);
  });

  it('fails a video with nobody in it, saying so', async () => {
    const job = await requestVideo(testPatternMp4(2));
    expect(job).toMatchObject({ status: 'FAILED', audio: null, error: { code: 'NO_PERSON_FOUND' } });
    expect(job.error?.message).toMatch(/No person was found/);
  });
});
