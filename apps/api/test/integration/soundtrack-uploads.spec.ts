// POST /v1/uploads and GET /v1/media/:id on the real API, blob store (a local directory) and Postgres: the
// kind read from the bytes, bad files refused leaving no row and no blob, Range downloads, tenant isolation.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { writeWav } from '@loris/audio';
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
} from '../support';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
}

describe('uploads and media over HTTP', () => {
  let api: TestApi;
  let owner: Client;
  let storageDir: string;
  let a: SignedUp;
  let b: SignedUp;

  const artifactCount = async () => (await owner.query('SELECT count(*)::int AS n FROM artifacts')).rows[0].n;

  beforeAll(async () => {
    storageDir = mkdtempSync(join(tmpdir(), 'loris-storage-'));
    api = await startTestApi({ env: { STORAGE_DIR: storageDir, UPLOAD_MAX_BYTES: String(2 * 1024 * 1024) } });
    owner = new Client({ connectionString: api.database.config.ownerUrl });
    await owner.connect();
    a = await signUpTenant(api.graphqlUrl, 'upload-a');
    b = await signUpTenant(api.graphqlUrl, 'upload-b');
  });

  afterAll(async () => {
    await owner?.end();
    await api?.stop();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('stores a pose track, a WAV and a video, each recognised from its content', async () => {
    const poses = await uploadBytes(api.baseUrl, synthPosesJson(), { token: a.token }, 'application/json');
    expect(poses.status).toBe(201);
    expect(poses.body).toMatchObject({
      kind: 'POSES',
      mediaType: 'application/json',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const wav = writeWav({ sampleRate: 22050, channels: [new Float32Array(2205)] });
    expect((await uploadBytes(api.baseUrl, wav, { token: a.token }, 'video/mp4')).body).toMatchObject({
      kind: 'WAV',
      mediaType: 'audio/wav',
      bytes: wav.length,
    });
    expect((await uploadBytes(api.baseUrl, testPatternMp4(), { token: a.token })).body).toMatchObject({
      kind: 'VIDEO',
      mediaType: 'video/mp4',
    });
    const { rows } = await owner.query('SELECT tenant_id, kind FROM artifacts WHERE id = $1', [
      poses.body.id,
    ]);
    expect(rows).toEqual([{ tenant_id: a.tenantId, kind: 'POSES' }]);
  });

  it("answers what it learned: a pose track's frames, fps and length; a video's length, size and fps", async () => {
    const track = JSON.parse(synthPosesJson(2).toString()) as { fps: number; keypoints: unknown[] };
    const poses = await uploadBytes(api.baseUrl, synthPosesJson(2), { token: a.token });
    expect(poses.body).toMatchObject({
      kind: 'POSES',
      frames: track.keypoints.length,
      fps: track.fps,
      durationSeconds: track.keypoints.length / track.fps,
      width: null,
      height: null,
    });
    const video = await uploadBytes(api.baseUrl, testPatternMp4(2), { token: a.token });
    expect(video.body).toMatchObject({ kind: 'VIDEO', width: 160, height: 120, fps: 10, frames: null });
    expect(video.body.durationSeconds).toBeCloseTo(2, 1);
    const wav = writeWav({ sampleRate: 22050, channels: [new Float32Array(2205)] });
    expect((await uploadBytes(api.baseUrl, wav, { token: a.token })).body).toMatchObject({
      kind: 'WAV',
      durationSeconds: null,
      frames: null,
      fps: null,
      width: null,
      height: null,
    });
  });

  it('refuses a request longer than its uploaded track when it is made, and defaults to the track', async () => {
    const upload = await uploadBytes(api.baseUrl, synthPosesJson(2), { token: a.token });
    expect(upload.body.durationSeconds).toBeCloseTo(2, 1);
    const request = (seconds?: number) =>
      gql<{ requestSoundtrack: { seconds: number } }>(
        api.graphqlUrl,
        `mutation($input: RequestSoundtrackInput!) { requestSoundtrack(input: $input) { seconds } }`,
        { input: { posesUploadId: upload.body.id, genre: 'House', seconds, seed: 1 } },
        { token: a.token },
      );
    const refused = await request(5);
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/ask for at most 2(\.0+)? s/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(ok(await request()).requestSoundtrack.seconds).toBe(upload.body.durationSeconds);
  });

  it('stores a JSON pose track sent to the upload route in another letter case (routing ignores case)', async () => {
    const res = await fetch(`${api.baseUrl}/V1/UPLOADS`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' },
      body: synthPosesJson(2),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ kind: 'POSES', durationSeconds: expect.any(Number) });
  });

  it('refuses bad files with a code and reason, leaving no row and no blob', async () => {
    const sixteenJoints = JSON.stringify({
      fps: 30,
      keypoints: Array.from({ length: 10 }, () => Array.from({ length: 16 }, () => [1, 2, 0.9])),
    });
    const mp4 = testPatternMp4(2);
    const cases: [Uint8Array, number, string, RegExp][] = [
      [Buffer.from(sixteenJoints), 400, 'POSE_WRONG_JOINT_COUNT', /16 joints|17/],
      [Buffer.from('{"fps": 30, "keypoints": '), 400, 'POSE_TRACK_NOT_JSON', /not valid JSON/],
      [Buffer.from('just some text, renamed to .mp4\n'), 400, 'MEDIA_NOT_MEDIA', /not a usable video/],
      [mp4.subarray(0, Math.floor(mp4.length / 2)), 400, 'MEDIA_CORRUPT', /not a usable video/],
      [Buffer.from('RIFF\0\0\0\0WAVEdata\0\0\0\0'), 400, 'WAV_INVALID', /no fmt chunk/],
      [Buffer.alloc(0), 400, 'EMPTY', /empty/],
    ];
    const rowsBefore = await artifactCount();
    const blobsBefore = filesUnder(storageDir).length;
    for (const [bytes, status, reason, message] of cases) {
      const res = await uploadBytes(api.baseUrl, bytes, { token: a.token });
      const [error] = res.body.errors as { message: string; extensions: Record<string, unknown> }[];
      expect([res.status, error.extensions, error.message]).toEqual([
        status,
        { code: 'BAD_USER_INPUT', reason },
        expect.stringMatching(message),
      ]);
    }
    const tooBig = await uploadBytes(api.baseUrl, Buffer.alloc(3 * 1024 * 1024, 1), { token: a.token });
    expect(tooBig.status).toBe(413);
    expect(await artifactCount()).toBe(rowsBefore);
    expect(filesUnder(storageDir)).toHaveLength(blobsBefore);
  });

  it('names a refused file as its sender did, not by its storage address', async () => {
    const res = await fetch(`${api.baseUrl}/v1/uploads`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${a.token}`,
        'content-type': 'application/octet-stream',
        'x-file-name': 'my%20moves.mp4',
      },
      body: 'just some text, renamed to .mp4\n',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string }[] };
    expect(body.errors[0].message).toBe(
      'The upload is not a usable video: The file "my moves.mp4" is a text file, not a video or audio file.',
    );
  });

  it('answers 413 as soon as Content-Length says the upload is over the limit, without reading it', async () => {
    // The client announces 3 MiB, sends 1 KiB and waits: only a server that checks the header answers.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${api.baseUrl}/v1/uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${a.token}`, 'content-length': String(3 * 1024 * 1024) },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body });
        });
      });
      req.on('error', reject);
      req.write(Buffer.alloc(1024, 1));
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).errors[0].message).toMatch(/larger than the limit of 2097152 bytes/);
  });

  it('needs credentials (refused before the body is read, so the test sends a small one)', async () => {
    expect((await uploadBytes(api.baseUrl, Buffer.from('{}'), {})).status).toBe(401);
  });

  it("serves a tenant's media whole or by range with its type, and 404 to another tenant", async () => {
    const wav = writeWav({
      sampleRate: 22050,
      channels: [Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i / 7))],
    });
    const { body } = await uploadBytes(api.baseUrl, wav, { token: a.token });
    const url = `${api.baseUrl}/v1/media/${body.id}`;
    const auth = { authorization: `Bearer ${a.token}` };

    const whole = await fetch(url, { headers: auth });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/wav');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(Buffer.from(wav))).toBe(true);

    const part = await fetch(url, { headers: { ...auth, range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-19/${wav.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(Buffer.from(wav.subarray(10, 20)))).toBe(true);

    const beyond = await fetch(url, { headers: { ...auth, range: `bytes=${wav.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${wav.length}`);

    const other = await fetch(url, { headers: { authorization: `Bearer ${b.token}` } });
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({
      errors: [{ message: `Media ${body.id} was not found`, extensions: { code: 'NOT_FOUND' } }],
    });
    expect((await fetch(`${api.baseUrl}/v1/media/not-a-uuid`, { headers: auth })).status).toBe(404);
    expect((await fetch(url)).status).toBe(401);
  });
});
