import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VTEST_CLIP, ffmpeg, probeTags, tellingTags, useTempDir } from '../media-fixtures.testing';
import { muxStimulus } from './mux-stimulus';
import { probeMedia } from './probe-media';

// Each test spawns ffmpeg twice; on a loaded 2-core machine that takes seconds.
jest.setTimeout(60_000);

const tmp = useTempDir();

/** A normalised-looking mono WAV that carries a title, as an uploaded clip might. */
const taggedTone = (name: string, seconds: number) =>
  ffmpeg(
    [
      ...['-f', 'lavfi', '-i', `sine=frequency=330:sample_rate=44100:duration=${seconds}`, '-ac', '1'],
      ...['-metadata', 'title=system-B-secret', '-metadata', 'artist=loris v7'],
    ],
    join(tmp.dir(), name),
  );

describe('muxStimulus', () => {
  it('puts the audio on the video from its start, H.264 + AAC, as long as the audio', async () => {
    const wav = await taggedTone('two.wav', 2);
    const out = join(tmp.dir(), 'stimulus.mp4');
    await muxStimulus(VTEST_CLIP, wav, out, { videoStartSeconds: 3, maxHeight: 288 });
    const probe = await probeMedia(out);
    expect(probe.format).toMatch(/mp4/);
    // 768x576 scaled to the height asked for, width kept in proportion.
    expect(probe.video).toMatchObject({ codec: 'h264', width: 384, height: 288 });
    expect(probe.audio).toMatchObject({ codec: 'aac', sampleRate: 44100, channels: 1 });
    // The audio's 2 s, give or take AAC's frame padding: not the 3 s of video left after 3 s.
    expect(probe.durationSeconds).toBeGreaterThan(1.95);
    expect(probe.durationSeconds).toBeLessThan(2.1);
  });

  it('holds the last frame when the video ends before the audio', async () => {
    const wav = await taggedTone('long.wav', 3);
    const out = join(tmp.dir(), 'held.mp4');
    // 1 s of video left after 5 s of the 6 s clip, 3 s of audio.
    await muxStimulus(VTEST_CLIP, wav, out, { videoStartSeconds: 5 });
    const probe = await probeMedia(out);
    expect(probe.video?.frames).toBeGreaterThanOrEqual(29);
    expect(probe.durationSeconds).toBeGreaterThan(2.95);
  });

  it('leaves nothing that tells where it came from: no title, encoder, library or source name', async () => {
    const wav = await taggedTone('tagged.wav', 1);
    const out = join(tmp.dir(), 'neutral.mp4');
    await muxStimulus(VTEST_CLIP, wav, out);
    const tags = await probeTags(out);
    expect(tags.streams).toHaveLength(2);
    expect(tellingTags(tags)).toEqual([]);
    const bytes = await readFile(out);
    for (const telltale of ['system-B-secret', 'loris', 'Lavf', 'Lavc', 'x264', 'vtest', 'tagged'])
      expect(bytes.includes(telltale)).toBe(false);
  });

  it('writes nothing at the output path when the audio is not audio', async () => {
    const text = join(tmp.dir(), 'fake.wav');
    await writeFile(text, 'not audio at all');
    await expect(muxStimulus(VTEST_CLIP, text, join(tmp.dir(), 'bad.mp4'))).rejects.toMatchObject({
      code: 'MEDIA_NOT_MEDIA',
    });
    expect((await readdir(tmp.dir())).filter((f) => f.includes('bad') || f.startsWith('.'))).toEqual([]);
  });
});
