import { open, writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { InvalidMedia } from '../media.errors';
import { VTEST_CLIP, tone, useTempDir } from '../media-fixtures.testing';
import { probeMedia } from './probe-media';

// Each test spawns ffmpeg; on a loaded 2-core machine that takes seconds.
jest.setTimeout(60_000);

const tmp = useTempDir();

async function invalid(path: string, options?: Parameters<typeof probeMedia>[1]): Promise<InvalidMedia> {
  const err = await probeMedia(path, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InvalidMedia);
  return err as InvalidMedia;
}

describe('probeMedia', () => {
  it('reads size, rate, frames, codec and duration of a real video', async () => {
    const probe = await probeMedia(VTEST_CLIP);
    expect(probe.format).toContain('mp4');
    expect(probe.durationSeconds).toBeCloseTo(6, 1);
    expect(probe.video).toEqual({ width: 768, height: 576, fps: 10, frames: 60, codec: 'h264' });
    expect(probe.audio).toBeUndefined();
  });

  it('reads an audio-only file, and refuses it where a video is required, saying so', async () => {
    const wav = await tone(join(tmp.dir(), 'tone.wav'), 1, 440, 44100, 2);
    const probe = await probeMedia(wav);
    expect(probe.video).toBeUndefined();
    expect(probe.audio).toEqual({ sampleRate: 44100, channels: 2, codec: 'pcm_s16le' });
    const err = await invalid(wav, { require: 'video' });
    expect(err.code).toBe('MEDIA_NO_VIDEO');
    expect(err.message).toMatch(/only an audio stream/);
    expect((await invalid(VTEST_CLIP, { require: 'audio' })).code).toBe('MEDIA_NO_AUDIO');
  });

  it('refuses a text file named .mp4 as not media', async () => {
    const path = join(tmp.dir(), 'notes.mp4');
    await writeFile(path, '{"fps": 30, "keypoints": []}\nthis is not a video\n');
    const err = await invalid(path);
    expect(err.code).toBe('MEDIA_NOT_MEDIA');
    expect(err.message).toBe('The file "notes.mp4" is a text file, not a video or audio file.');
  });

  it('refuses random bytes as not media', async () => {
    const path = join(tmp.dir(), 'noise.mp4');
    await writeFile(path, randomBytes(20_000));
    expect((await invalid(path)).code).toBe('MEDIA_NOT_MEDIA');
  });

  it('calls a truncated MP4 corrupt, without the server path in the message', async () => {
    const path = join(tmp.dir(), 'cut.mp4');
    const bytes = await readFile(VTEST_CLIP);
    // ffmpeg writes the index (moov) last, so the first 40% is a container with no index.
    const file = await open(path, 'w');
    await file.write(bytes.subarray(0, Math.floor(bytes.length * 0.4)));
    await file.close();
    const err = await invalid(path);
    expect(err.code).toBe('MEDIA_CORRUPT');
    expect(err.message).toMatch(
      /starts like a MP4\/QuickTime file but cannot be read .*truncated or damaged/,
    );
    expect(err.message).not.toContain(tmp.dir());
  });

  it('says when the file does not exist', async () => {
    expect((await invalid(join(tmp.dir(), 'missing.mp4'))).code).toBe('MEDIA_NOT_FOUND');
  });
});
