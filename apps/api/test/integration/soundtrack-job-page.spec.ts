/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// What the console's job page reads (issue 13, point 2), end to end on real parts: an upload named by its
// X-File-Name, a job run by the real worker (Bull on Redis, the parity fixture model), its stages and ETA over
// the graphql-ws subscription, and the fields the job then carries: input name and length, model version,
// and the sync the worker measured (the WAV's onsets, the pose track's visual beats, the strict F-measure),
// each checked against libs/audio, libs/rhythm and libs/metrics run here on the same bytes. Then "generate
// again": the same input and settings with a new seed, replayable by its idempotency key.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectOnsets, downmixToMono, readWav } from '@loris/audio';
import { readContract, rhythmOptions } from '@loris/inference';
import { onsetFMeasure } from '@loris/metrics';
import { visualRhythm } from '@loris/rhythm';
import { gql, ok, SignedUp, signUpTenant, subscribe, synthPosesJson, TestApi, wsClient } from '../support';
import { PARITY_MODEL_DIR, SoundtrackStack, startSoundtrackStack } from './soundtrack-stack';

// People walking (OpenCV's vtest.avi, 6 s cut; licence in libs/media/fixtures/LICENSES.md).
const PEOPLE_VIDEO = 'libs/media/fixtures/vtest-6s.mp4';

const JOB_FIELDS = `id status stage progress etaSeconds inputName inputSeconds modelVersion genre seconds seed
  steps sampler guidance audio { id url } video { id url }
  sync { onsets visualBeats fMeasure precision recall toleranceSeconds }`;

interface Job {
  id: string;
  status: string;
  stage: string;
  progress: number;
  etaSeconds: number | null;
  inputName: string | null;
  inputSeconds: number | null;
  modelVersion: string | null;
  genre: string;
  seconds: number;
  seed: number;
  steps: number;
  sampler: string;
  guidance: number;
  audio: { id: string; url: string } | null;
  video: { id: string; url: string } | null;
  sync: {
    onsets: number[];
    visualBeats: number[];
    fMeasure: number;
    precision: number;
    recall: number;
    toleranceSeconds: number;
  } | null;
}

const ms = (times: number[]) => times.map((time) => Math.round(time * 1000) / 1000);

describe('the job page’s data', () => {
  let stack: SoundtrackStack;
  let api: TestApi;
  let tenant: SignedUp;
  const card = JSON.parse(readFileSync(join(PARITY_MODEL_DIR, 'model.json'), 'utf8'));

  beforeAll(async () => {
    stack = await startSoundtrackStack('job-page');
    ({ api, tenant } = stack);
  });

  afterAll(() => stack?.stop());

  async function upload(bytes: Uint8Array, fileName?: string): Promise<Record<string, unknown>> {
    const headers: Record<string, string> = {
      'content-type': 'application/octet-stream',
      authorization: `Bearer ${tenant.token}`,
    };
    if (fileName !== undefined) headers['x-file-name'] = encodeURIComponent(fileName);
    const res = await fetch(`${api.baseUrl}/v1/uploads`, { method: 'POST', headers, body: bytes });
    expect(res.status).toBe(201);
    return (await res.json()) as Record<string, unknown>;
  }

  async function request(input: Record<string, unknown>): Promise<string> {
    const answer = await gql<{ requestSoundtrack: { id: string } }>(
      api.graphqlUrl,
      'mutation($input: RequestSoundtrackInput!) { requestSoundtrack(input: $input) { id } }',
      { input },
      { token: tenant.token },
    );
    return ok(answer).requestSoundtrack.id;
  }

  async function requestJob(input: Record<string, unknown>): Promise<Job> {
    const answer = await gql<{ requestSoundtrack: Job }>(
      api.graphqlUrl,
      `mutation($input: RequestSoundtrackInput!) { requestSoundtrack(input: $input) { ${JOB_FIELDS} } }`,
      { input },
      { token: tenant.token },
    );
    return ok(answer).requestSoundtrack;
  }

  // Every update of the job until it finishes.
  async function follow(id: string): Promise<Job[]> {
    const updates = subscribe<{ soundtrackJobUpdated: Job }>(
      wsClient(api.graphqlUrl, { token: tenant.token }),
      `subscription($id: ID!) { soundtrackJobUpdated(id: $id) { ${JOB_FIELDS} } }`,
      { id },
    );
    try {
      expect(await updates.done).toEqual([]);
    } finally {
      await updates.close();
    }
    return updates.data.map((d) => d.soundtrackJobUpdated);
  }

  async function job(id: string): Promise<Job> {
    const answer = await gql<{ soundtrackJob: Job }>(
      api.graphqlUrl,
      `query($id: ID!) { soundtrackJob(id: $id) { ${JOB_FIELDS} } }`,
      { id },
      { token: tenant.token },
    );
    return ok(answer).soundtrackJob;
  }

  let posesJobId = '';
  const poses = synthPosesJson(3, 8);

  it('carries the stage and an ETA from the step rate live, then the input, model and measured sync', async () => {
    const uploaded = await upload(poses, 'salsa dance – clip.json');
    expect(uploaded.fileName).toBe('salsa dance – clip.json');
    // The job as the mutation created it: a read after it may already find the worker running it.
    const queued = await requestJob({
      posesUploadId: uploaded.id,
      genre: 'Pop',
      seconds: 2.5,
      steps: 12,
      seed: 3,
    });
    posesJobId = queued.id;
    expect(queued).toMatchObject({ stage: 'QUEUED', modelVersion: null, sync: null, etaSeconds: null });
    expect(queued.inputName).toBe('salsa dance – clip.json');
    expect(queued.inputSeconds).toBeCloseTo(3, 5);

    const seen = await follow(posesJobId);
    const stages = seen.map((update) => update.stage).filter((stage, i, all) => stage !== all[i - 1]);
    // A subscription that starts before the worker has taken the job first hears it still QUEUED.
    expect(stages.slice(stages[0] === 'QUEUED' ? 1 : 0)).toEqual(['GENERATING', 'ANALYSING', 'DONE']);
    // The ETA appears once the sampler has taken two steps, only while generating, and comes down.
    const etas = seen.filter((update) => update.etaSeconds !== null);
    expect(etas.length).toBeGreaterThanOrEqual(5);
    expect(etas.every((update) => update.stage === 'GENERATING' && update.status === 'RUNNING')).toBe(true);
    const values = etas.map((update) => update.etaSeconds!);
    expect(values.at(-1)!).toBeLessThan(values[0]);
    expect(values.at(-1)).toBe(0);
    // Every update names the input, as the page's stream replaces the whole job with each one.
    expect(seen.every((update) => update.inputName === 'salsa dance – clip.json')).toBe(true);

    const done = await job(posesJobId);
    expect(done).toMatchObject({
      status: 'SUCCEEDED',
      stage: 'DONE',
      etaSeconds: null,
      modelVersion: `${card.name}@${card.version}`,
    });
    const sync = done.sync!;
    expect(sync.toleranceSeconds).toBe(0.07);

    // The onsets are the WAV's own (libs/audio on the downloaded file)...
    const res = await fetch(`${api.baseUrl}${done.audio!.url}`, {
      headers: { authorization: `Bearer ${tenant.token}` },
    });
    const wav = readWav(new Uint8Array(await res.arrayBuffer()));
    const onsets = detectOnsets(downmixToMono(wav.channels), wav.sampleRate).onsetTimes;
    expect(sync.onsets.length).toBeGreaterThan(0);
    expect(sync.onsets.length).toBe(onsets.length);
    sync.onsets.forEach((time, i) => expect(Math.abs(time - onsets[i])).toBeLessThanOrEqual(0.024));
    // ...the visual beats the pose track's, with the model's rhythm settings, within the 2.5 s asked for...
    const contract = await readContract(PARITY_MODEL_DIR);
    const beats = visualRhythm(JSON.parse(poses.toString('utf8')), rhythmOptions(contract.rhythm)).peakTimes;
    expect(sync.visualBeats).toEqual(ms(beats.filter((time) => time <= 2.5)));
    expect(sync.visualBeats.length).toBeGreaterThan(2);
    // ...and the score the strict F-measure between exactly those.
    const score = onsetFMeasure(sync.visualBeats, sync.onsets, { toleranceMs: 70 });
    expect(sync.fMeasure).toBeCloseTo(score.fMeasure, 6);
    expect(sync.precision).toBeCloseTo(score.precision, 6);
    expect(sync.recall).toBeCloseTo(score.recall, 6);
  });

  it('lists jobs with their input', async () => {
    const listed = await gql<{
      soundtrackJobs: { edges: { node: Pick<Job, 'id' | 'inputName' | 'inputSeconds'> }[] };
    }>(
      api.graphqlUrl,
      '{ soundtrackJobs(first: 10) { edges { node { id inputName inputSeconds } } } }',
      {},
      { token: tenant.token },
    );
    const node = ok(listed).soundtrackJobs.edges.find((edge) => edge.node.id === posesJobId)!.node;
    expect(node.inputName).toBe('salsa dance – clip.json');
    expect(node.inputSeconds).toBeCloseTo(3, 5);
  });

  it('generates again from the same input and settings with a new seed, once per idempotency key', async () => {
    const first = await job(posesJobId);
    const again = async (key: string) =>
      ok(
        await gql<{ requestSoundtrackAgain: Job }>(
          api.graphqlUrl,
          `mutation($id: ID!, $key: String) { requestSoundtrackAgain(id: $id, idempotencyKey: $key) { ${JOB_FIELDS} } }`,
          { id: posesJobId, key },
          { token: tenant.token },
        ),
      ).requestSoundtrackAgain;
    const next = await again('again-1');
    expect(next.id).not.toBe(posesJobId);
    expect(next).toMatchObject({
      inputName: first.inputName,
      genre: first.genre,
      seconds: first.seconds,
      steps: first.steps,
      sampler: first.sampler,
      guidance: first.guidance,
    });
    expect(next.seed).not.toBe(first.seed);
    // A retried click with the same key is the same job, not another.
    expect((await again('again-1')).id).toBe(next.id);
    const other = await again('again-2');
    expect(other.id).not.toBe(next.id);
    await follow(next.id);
    await follow(other.id);
    expect((await job(next.id)).status).toBe('SUCCEEDED');
  });

  it('refuses to generate again from another tenant’s job', async () => {
    const other = await signUpTenant(api.graphqlUrl, 'job-page-other');
    const answer = await gql(
      api.graphqlUrl,
      'mutation($id: ID!) { requestSoundtrackAgain(id: $id) { id } }',
      { id: posesJobId },
      { token: other.token },
    );
    expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('names each stage of a video job: poses, generation, muxing, sync', async () => {
    const uploaded = await upload(readFileSync(PEOPLE_VIDEO), 'people walking.mp4');
    const id = await request({ videoUploadId: uploaded.id, genre: 'House', seconds: 1, steps: 2, seed: 4 });
    const seen = await follow(id);
    const stages = seen.map((update) => update.stage).filter((stage, i, all) => stage !== all[i - 1]);
    expect(stages).toEqual(['ESTIMATING_POSES', 'GENERATING', 'MUXING', 'ANALYSING', 'DONE']);
    const done = await job(id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', inputName: 'people walking.mp4' });
    expect(done.inputSeconds).toBeCloseTo(6, 0);
    expect(done.video).not.toBeNull();
    expect(done.sync).not.toBeNull();
  });
});
