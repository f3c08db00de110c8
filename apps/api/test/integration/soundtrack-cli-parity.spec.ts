/**
 * @jest-environment ./libs/inference/testing/onnx.environment.js
 */
// One generation path: a soundtrack requested through the API with only a genre and a seed, and the same
// pose track given to `loris generate` with the same genre and seed and no other flag, are the same bytes;
// so are a video job's and `loris generate --video` (the CLI estimates poses as the worker does).
// Both take every other setting (length, sampler, steps, guidance) from libs/inference's defaults and the
// shipped model's card; the track carries a byte-order mark, which both must accept alike.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWav } from '@loris/audio';
import { gql, ok, subscribe, synthPosesJson, uploadBytes, wsClient } from '../support';
import { VTEST_CLIP } from '../../../../libs/media/src/media-fixtures.testing';
import { SoundtrackStack, startSoundtrackStack } from './soundtrack-stack';

const TRACK_SECONDS = 2;
const GENRE = 'House';
const SEED = 424242;

jest.setTimeout(180_000);

describe('the API and `loris generate` give the same soundtrack for the same request', () => {
  let stack: SoundtrackStack;
  let dir: string;

  beforeAll(async () => {
    stack = await startSoundtrackStack('cli-parity', 'models/default');
    dir = mkdtempSync(join(tmpdir(), 'loris-cli-parity-'));
  });

  afterAll(async () => {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The WAV of a job, once it has succeeded. */
  async function finishedWav(id: string): Promise<Buffer> {
    const { api, tenant } = stack;
    const updates = subscribe<{ soundtrackJobUpdated: { status: string; audio: { url: string } | null } }>(
      wsClient(api.graphqlUrl, { token: tenant.token }),
      `subscription($id: ID!) { soundtrackJobUpdated(id: $id) { status audio { url } } }`,
      { id },
    );
    try {
      expect(await updates.done).toEqual([]);
    } finally {
      await updates.close();
    }
    const last = updates.data.at(-1)!.soundtrackJobUpdated;
    expect(last.status).toBe('SUCCEEDED');
    const download = await fetch(`${api.baseUrl}${last.audio!.url}`, {
      headers: { authorization: `Bearer ${tenant.token}` },
    });
    return Buffer.from(await download.arrayBuffer());
  }

  it('with only genre and seed, both make the same WAV bytes, as long as the track', async () => {
    const { api, tenant } = stack;
    const track = Buffer.concat([Buffer.from('\ufeff', 'utf8'), synthPosesJson(TRACK_SECONDS, 3)]);
    const tracks = join(dir, 'poses.json');
    writeFileSync(tracks, track);

    const upload = await uploadBytes(api.baseUrl, track, { token: tenant.token });
    expect(upload.status).toBe(201);
    const requested = ok(
      await gql<{ requestSoundtrack: { id: string; seconds: number } }>(
        api.graphqlUrl,
        `mutation($input: RequestSoundtrackInput!) { requestSoundtrack(input: $input) { id seconds } }`,
        { input: { posesUploadId: upload.body.id, genre: GENRE, seed: SEED } },
        { token: tenant.token },
      ),
    ).requestSoundtrack;
    const fromApi = await finishedWav(requested.id);

    const out = join(dir, 'cli.wav');
    const cli = spawnSync(
      process.execPath,
      [
        'tools/bin/loris.js',
        'generate',
        '--poses',
        tracks,
        '--genre',
        GENRE,
        '--seed',
        String(SEED),
        '--out',
        out,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    const fromCli = readFileSync(out);

    // The default length is the track's own (2 s of poses), not 25 s nor the model's segment.
    const wav = readWav(fromApi);
    expect(wav.channels[0].length).toBe(Math.round(requested.seconds * wav.sampleRate));
    expect(requested.seconds).toBeGreaterThan(TRACK_SECONDS - 0.1);
    expect(requested.seconds).toBeLessThanOrEqual(TRACK_SECONDS);
    expect(fromCli.length).toBe(fromApi.length);
    expect(fromCli.equals(fromApi)).toBe(true);
  });

  it('from a video, `loris generate --video` makes the worker’s WAV bytes and muxes the MP4', async () => {
    const { api, tenant } = stack;
    const settings = { genre: GENRE, seed: SEED, seconds: TRACK_SECONDS, steps: 4 };
    const upload = await uploadBytes(api.baseUrl, readFileSync(VTEST_CLIP), { token: tenant.token });
    expect(upload.status).toBe(201);
    const requested = ok(
      await gql<{ requestSoundtrack: { id: string } }>(
        api.graphqlUrl,
        `mutation($input: RequestSoundtrackInput!) { requestSoundtrack(input: $input) { id } }`,
        { input: { videoUploadId: upload.body.id, ...settings } },
        { token: tenant.token },
      ),
    ).requestSoundtrack;
    const fromApi = await finishedWav(requested.id);

    const [out, mp4] = [join(dir, 'video.wav'), join(dir, 'video.mp4')];
    const cli = spawnSync(
      process.execPath,
      [
        'tools/bin/loris.js',
        'generate',
        '--video',
        VTEST_CLIP,
        ...Object.entries(settings).flatMap(([name, value]) => [`--${name}`, String(value)]),
        '--out',
        out,
        '--mp4',
        mp4,
        '--json',
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(readFileSync(out).equals(fromApi)).toBe(true);
    const summary = JSON.parse(cli.stdout) as { mp4: string; video: { frames: number; fps: number } };
    expect(summary.mp4).toBe(mp4);
    expect(summary.video.frames).toBe(TRACK_SECONDS * summary.video.fps);
    const streams = spawnSync(
      'ffprobe',
      ['-v', 'error', '-show_entries', 'stream=codec_type', '-of', 'csv=p=0', mp4],
      {
        encoding: 'utf8',
      },
    );
    expect(streams.stdout.trim().split('\n').sort()).toEqual(['audio', 'video']);
  });
});
