import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { expectCleanFailure, runLoris } from '../run-loris.testing';
import { describeItem } from './dataset.command';

// The commands against a real API run in apps/api/test/integration/dataset-cli.spec.ts; these are the
// refusals that come before any answer from it.
describe('loris dataset', () => {
  let root: string;
  let videos: string;
  /** The environment of a run: this one without any LORIS_API_* of the machine, plus `extra`. */
  const env = (extra: Record<string, string> = {}) => {
    const { LORIS_API_KEY: _key, LORIS_API_URL: _url, ...rest } = process.env;
    return { ...rest, ...extra };
  };

  /** A port nothing listens on: one the system just gave out and took back. */
  const closedPort = () =>
    new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'loris-dataset-cli-'));
    videos = join(root, 'videos');
    mkdirSync(videos);
    writeFileSync(join(videos, 'clip.mp4'), 'not really a video');
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('takes a LORIS release layout and a training manifest to the API, each read first', async () => {
    const layout = join(root, 'aist');
    mkdirSync(join(layout, 'audio_s25'), { recursive: true });
    mkdirSync(join(layout, 'pose2d_s25'));
    writeFileSync(
      join(layout, 'aist_audio_s25_train_segment.txt'),
      'audio_s25/gBR_sBM_c01_d04_mBR0_ch01.wav\n',
    );
    const manifest = join(root, 'corpus');
    mkdirSync(manifest);
    writeFileSync(join(manifest, 'manifest.jsonl'), '{"id": "a"}\nnot json\n');
    const port = await closedPort();
    const withKey = env({ LORIS_API_KEY: 'lk_test', LORIS_API_URL: `http://127.0.0.1:${port}` });
    // Both are read and checked (their bad items are reported once the API answers), then the API is asked.
    for (const dir of [layout, manifest]) {
      expectCleanFailure(
        runLoris(['dataset', 'import', dir, '--dataset', 'd1'], withKey),
        1,
        new RegExp(
          `^loris: cannot reach the LORIS API at http://127\\.0\\.0\\.1:${port} .* \\[API_UNREACHABLE\\]\\n$`,
        ),
      );
    }
  });

  it('needs LORIS_API_KEY, and names the API it cannot reach', async () => {
    expectCleanFailure(
      runLoris(['dataset', 'import', videos, '--dataset', 'd1'], env()),
      1,
      /^loris: set LORIS_API_KEY to an API key of your workspace .* to use the API at http:\/\/127\.0\.0\.1:4000 \[API_KEY_MISSING\]\n$/,
    );
    const port = await closedPort();
    const withKey = env({ LORIS_API_KEY: 'lk_test', LORIS_API_URL: `http://127.0.0.1:${port}` });
    expectCleanFailure(
      runLoris(['dataset', 'export', 'v1', '--out', join(root, 'out')], withKey),
      1,
      new RegExp(
        `^loris: cannot reach the LORIS API at http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\): .* \\[API_UNREACHABLE\\]\\n$`,
      ),
    );
    // --api wins over LORIS_API_URL.
    expectCleanFailure(
      runLoris(
        ['dataset', 'import', videos, '--dataset', 'd1', '--api', `http://localhost:${port}/`],
        withKey,
      ),
      1,
      new RegExp(`cannot reach the LORIS API at http://localhost:${port} \\(ECONNREFUSED\\)`),
    );
  });

  it('refuses an unknown format, an --out folder that already has files and a --tar file that exists, before calling the API', () => {
    const withKey = env({ LORIS_API_KEY: 'lk_test' });
    // An unknown format is a usage error of the command line itself (exit 2, with the usage).
    const zip = runLoris(['dataset', 'export', 'v1', '--format', 'zip', '--out', join(root, 'x')], withKey);
    expect(zip.status).toBe(2);
    expect(zip.stderr).toContain("argument 'zip' is invalid. Allowed choices are manifest, loris.");
    for (const format of ['manifest', 'loris']) {
      expectCleanFailure(
        runLoris(['dataset', 'export', 'v1', '--format', format, '--out', videos], withKey),
        1,
        /^loris: .*videos: already exists and is not an empty folder; choose a new folder for the export \[OUT_EXISTS\]\n$/,
      );
    }
    expectCleanFailure(
      runLoris(
        ['dataset', 'export', 'v1', '--out', join(root, 'y'), '--tar', join(videos, 'clip.mp4')],
        withKey,
      ),
      1,
      /^loris: .*clip\.mp4: already exists; choose a new file for the tar \[OUT_EXISTS\]\n$/,
    );
  });

  it('says each file’s state in words', () => {
    const item = {
      file: 'a.mp4',
      uploadId: 'u',
      videoId: 'v',
      status: 'INGESTING',
      progress: 0.426,
      segments: 0,
      error: null,
    };
    expect(describeItem(item)).toBe('INGESTING 42%');
    expect(describeItem({ ...item, status: 'READY', progress: 1, segments: 2 })).toBe('READY, 2 segments');
    expect(
      describeItem({
        ...item,
        status: 'FAILED',
        error: { code: 'NO_AUDIO', message: 'The video has no audio stream.' },
      }),
    ).toBe('FAILED: The video has no audio stream. [NO_AUDIO]');
  });
});
