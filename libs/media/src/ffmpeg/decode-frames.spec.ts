import { join } from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { InvalidMedia, InvalidMediaOption, MediaCancelled } from '../media.errors';
import type { RgbFrame } from '../media.types';
import { VTEST_CLIP, ffmpeg, useTempDir } from '../media-fixtures.testing';
import { decodeFrames } from './decode-frames';
import { letterboxFor, toSourcePixels } from './letterbox';

// Each test spawns ffmpeg; on a loaded 2-core machine that takes seconds.
jest.setTimeout(60_000);

const tmp = useTempDir();

async function collect(frames: AsyncIterable<RgbFrame>): Promise<RgbFrame[]> {
  const out: RgbFrame[] = [];
  for await (const frame of frames) out.push(frame);
  return out;
}

function pixel(frame: RgbFrame, x: number, y: number): number[] {
  const at = (y * frame.width + x) * 3;
  return [...frame.data.subarray(at, at + 3)];
}

describe('letterboxFor', () => {
  it('centres a landscape picture in a square and maps points back to source pixels', () => {
    const box = letterboxFor(768, 576, 192, 192);
    expect(box).toMatchObject({ innerWidth: 192, innerHeight: 144, padX: 0, padY: 24, scaleX: 4, scaleY: 4 });
    expect(toSourcePixels(box, 96, 96)).toEqual([384, 288]);
    expect(toSourcePixels(box, 0, 24)).toEqual([0, 0]);
  });
});

describe('decodeFrames', () => {
  it('letterboxes a wide red picture: black bars above and below, red inside, at the requested rate', async () => {
    const red = await ffmpeg(
      ['-f', 'lavfi', '-i', 'color=c=red:s=320x160:r=25', '-t', '2', '-pix_fmt', 'yuv420p'],
      join(tmp.dir(), 'red.mp4'),
    );
    const frames = await collect(decodeFrames(red, { fps: 5, width: 64, height: 64 }));
    expect(frames).toHaveLength(10);
    expect(frames.map((f) => f.timeSeconds)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1, 1.2, 1.4, 1.6, 1.8]);
    const frame = frames[3];
    expect(frame.data).toHaveLength(64 * 64 * 3);
    expect(pixel(frame, 32, 2)).toEqual([0, 0, 0]);
    expect(pixel(frame, 32, 61)).toEqual([0, 0, 0]);
    const [r, g, b] = pixel(frame, 32, 32);
    expect(r).toBeGreaterThan(230);
    expect(g).toBeLessThan(25);
    expect(b).toBeLessThan(25);
  });

  it('decodes a window of a real video, stretched when asked', async () => {
    const frames = await collect(
      decodeFrames(VTEST_CLIP, {
        fps: 10,
        width: 96,
        height: 72,
        fit: 'scale',
        startSeconds: 2,
        durationSeconds: 1,
      }),
    );
    expect(frames).toHaveLength(10);
    expect(frames[0].timeSeconds).toBe(2);
    // Real footage: not a flat picture.
    const values = new Set(frames[0].data);
    expect(values.size).toBeGreaterThan(50);
  });

  it('stops ffmpeg when the consumer stops early, and cancels on abort', async () => {
    let seen = 0;
    for await (const frame of decodeFrames(VTEST_CLIP, { fps: 10, width: 32, height: 32 })) {
      seen = frame.index + 1;
      if (seen === 3) break;
    }
    expect(seen).toBe(3);
    const controller = new AbortController();
    const run = (async () => {
      for await (const frame of decodeFrames(VTEST_CLIP, {
        fps: 10,
        width: 32,
        height: 32,
        signal: controller.signal,
      })) {
        if (frame.index === 1) controller.abort();
      }
    })();
    await expect(run).rejects.toBeInstanceOf(MediaCancelled);
  });

  it('calls a truncated video whose index is intact corrupt instead of returning a short track', async () => {
    const faststart = await ffmpeg(
      ['-i', VTEST_CLIP, '-c', 'copy', '-movflags', '+faststart'],
      join(tmp.dir(), 'fs.mp4'),
    );
    const bytes = await readFile(faststart);
    const cut = join(tmp.dir(), 'fs-cut.mp4');
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.4)));
    const err = await collect(decodeFrames(cut, { fps: 10, width: 32, height: 32 })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InvalidMedia);
    expect(err).toMatchObject({ code: 'MEDIA_CORRUPT' });
    expect((err as Error).message).toMatch(
      /^The video ends after \d+\.\d s of its 6\.0 s .*truncated or damaged\.$/,
    );
  });

  it('refuses options out of range', async () => {
    await expect(collect(decodeFrames(VTEST_CLIP, { fps: 0, width: 32, height: 32 }))).rejects.toBeInstanceOf(
      InvalidMediaOption,
    );
    await expect(
      collect(decodeFrames(VTEST_CLIP, { fps: 10, width: 32, height: 32, startSeconds: -1 })),
    ).rejects.toThrow(/startSeconds/);
  });
});
