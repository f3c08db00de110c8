import { join } from 'node:path';
import { InvalidMedia } from '../media.errors';
import { VTEST_CLIP, tone, useTempDir } from '../media-fixtures.testing';
import { extractAudio } from './extract-audio';

// Each test spawns ffmpeg; on a loaded 2-core machine that takes seconds.
jest.setTimeout(60_000);

const tmp = useTempDir();

/** Frequency from upward zero crossings: enough to tell 440 Hz from an octave or a resampling slip. */
function zeroCrossingHz(x: Float32Array, sampleRate: number): number {
  let crossings = 0;
  for (let i = 1; i < x.length; i += 1) if (x[i - 1] < 0 && x[i] >= 0) crossings += 1;
  return (crossings * sampleRate) / x.length;
}

describe('extractAudio', () => {
  it('resamples and downmixes to 22050 Hz mono float PCM by default', async () => {
    const wav = await tone(join(tmp.dir(), 'a440.wav'), 2, 440, 44100, 2);
    const audio = await extractAudio(wav);
    expect(audio.sampleRate).toBe(22050);
    expect(audio.channels).toHaveLength(1);
    expect(audio.channels[0]).toHaveLength(44100);
    expect(zeroCrossingHz(audio.channels[0], 22050)).toBeCloseTo(440, -1);
    const peak = audio.channels[0].reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(peak).toBeGreaterThan(0.05);
    expect(peak).toBeLessThanOrEqual(1);
  });

  it('keeps the channels and cuts a window when asked', async () => {
    const wav = await tone(join(tmp.dir(), 'a220.wav'), 3, 220, 48000, 2);
    const audio = await extractAudio(wav, {
      sampleRate: 16000,
      mono: false,
      startSeconds: 1,
      durationSeconds: 0.5,
    });
    expect(audio.channels).toHaveLength(2);
    expect(audio.channels[1]).toHaveLength(8000);
  });

  it('refuses a video without sound', async () => {
    await expect(extractAudio(VTEST_CLIP)).rejects.toMatchObject({ code: 'MEDIA_NO_AUDIO' });
    await expect(extractAudio(VTEST_CLIP)).rejects.toBeInstanceOf(InvalidMedia);
  });
});
