import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VTEST_CLIP, ffmpeg, tone, useTempDir } from '../media-fixtures.testing';
import { extractAudio } from './extract-audio';
import { muxAudio } from './mux-audio';
import { probeMedia } from './probe-media';

// Each test spawns ffmpeg; on a loaded 2-core machine that takes seconds.
jest.setTimeout(60_000);

const tmp = useTempDir();

describe('muxAudio', () => {
  it('copies the video, adds AAC audio, and cuts to the shorter stream', async () => {
    const wav = await tone(join(tmp.dir(), 'short.wav'), 2.5, 440, 22050, 1);
    const out = join(tmp.dir(), 'with-music.mp4');
    await muxAudio(VTEST_CLIP, wav, out);
    const probe = await probeMedia(out);
    expect(probe.video).toMatchObject({ width: 768, height: 576, codec: 'h264' });
    expect(probe.audio).toMatchObject({ codec: 'aac', sampleRate: 22050, channels: 1 });
    // Video copy cuts at whole frames (0.1 s here), AAC at whole 1024-sample frames.
    expect(probe.durationSeconds).toBeGreaterThan(2.3);
    expect(probe.durationSeconds).toBeLessThan(2.8);
    const back = await extractAudio(out);
    expect(back.channels[0].length / 22050).toBeGreaterThan(2.3);
  });

  it('re-encodes a video codec MP4 cannot carry', async () => {
    const avi = await ffmpeg(
      ['-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10', '-t', '1', '-c:v', 'msmpeg4v3'],
      join(tmp.dir(), 'old.avi'),
    );
    const wav = await tone(join(tmp.dir(), 'long.wav'), 3, 440, 22050, 1);
    const out = join(tmp.dir(), 'old-with-music.mp4');
    await muxAudio(avi, wav, out);
    const probe = await probeMedia(out);
    expect(probe.video?.codec).toMatch(/h264|msmpeg4v3/);
    expect(probe.durationSeconds).toBeLessThan(1.3);
  });

  it('starts the video at videoStartSeconds (a segment of a longer video), re-encoded to cut exactly', async () => {
    const video = await ffmpeg(
      ['-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10', '-t', '3', '-c:v', 'libx264', '-g', '30'],
      join(tmp.dir(), 'three-seconds.mp4'),
    );
    const wav = await tone(join(tmp.dir(), 'three.wav'), 3, 440, 22050, 1);
    const out = join(tmp.dir(), 'from-two.mp4');
    await muxAudio(video, wav, out, { videoStartSeconds: 2 });
    const probe = await probeMedia(out);
    expect(probe.video?.codec).toBe('h264');
    // The last second of the video with the audio's first: cut to the shorter, about 1 s (a stream copy would
    // have started at the keyframe at 0 s and run 3 s).
    expect(probe.durationSeconds).toBeGreaterThan(0.8);
    expect(probe.durationSeconds).toBeLessThan(1.3);
  });

  it('writes nothing at the output path when the audio is not audio', async () => {
    const text = join(tmp.dir(), 'fake.wav');
    await writeFile(text, 'not audio at all');
    await expect(muxAudio(VTEST_CLIP, text, join(tmp.dir(), 'bad.mp4'))).rejects.toMatchObject({
      code: 'MEDIA_NOT_MEDIA',
    });
    expect((await readdir(tmp.dir())).filter((f) => f.includes('bad') || f.startsWith('.'))).toEqual([]);
  });
});
