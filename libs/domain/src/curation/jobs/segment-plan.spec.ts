import { DatasetCategory } from '@loris/db';
import { planSegments } from './segment-plan';

const video = (durationSeconds: number, more: Partial<Parameters<typeof planSegments>[0]> = {}) => ({
  durationSeconds,
  hasVideo: true,
  hasAudio: true,
  bytes: 1000,
  ...more,
});
const dance = { category: DatasetCategory.DANCE, segmentLengths: [25] };
const skating = { category: DatasetCategory.FIGURE_SKATING, segmentLengths: [25, 50] };

describe('planSegments', () => {
  it('cuts dance into back-to-back 25 s segments from the start, dropping the short remainder', () => {
    expect(planSegments(video(80), dance)).toEqual({
      segments: [
        { startSeconds: 0, lengthSeconds: 25 },
        { startSeconds: 25, lengthSeconds: 25 },
        { startSeconds: 50, lengthSeconds: 25 },
      ],
    });
  });

  it('drops the first and last 5 s of sports footage and cuts each of the dataset lengths', () => {
    // 120 s - 10 s = 110 s usable: four 25 s segments and two 50 s ones, each series without overlap.
    expect(planSegments(video(120), skating)).toEqual({
      segments: [
        { startSeconds: 5, lengthSeconds: 25 },
        { startSeconds: 30, lengthSeconds: 25 },
        { startSeconds: 55, lengthSeconds: 25 },
        { startSeconds: 80, lengthSeconds: 25 },
        { startSeconds: 5, lengthSeconds: 50 },
        { startSeconds: 55, lengthSeconds: 50 },
      ],
    });
    expect(
      planSegments(video(60), { category: DatasetCategory.FLOOR_EXERCISE, segmentLengths: [50] }),
    ).toEqual({
      segments: [{ startSeconds: 5, lengthSeconds: 50 }],
    });
  });

  it('takes a video that is exactly one segment long, as containers round it', () => {
    expect(planSegments(video(24.9995), dance)).toEqual({
      segments: [{ startSeconds: 0, lengthSeconds: 25 }],
    });
  });

  it('refuses a video shorter than one segment, saying how long it is and what was needed', () => {
    expect(planSegments(video(10), dance)).toEqual({
      refusal: { code: 'TOO_SHORT', reason: 'The video lasts 10.0 s, shorter than one 25 s segment.' },
    });
    expect(planSegments(video(30), skating)).toEqual({
      refusal: {
        code: 'TOO_SHORT',
        reason:
          'The video lasts 30.0 s, shorter than one 25 s segment after dropping 5 s at each end (35 s needed).',
      },
    });
  });

  it('refuses a video without audio, without video, or over the size or duration limit', () => {
    const limits = { maxBytes: 2 * 1024 ** 3, maxSeconds: 600 };
    expect(planSegments(video(60, { hasAudio: false }), dance, limits)).toMatchObject({
      refusal: { code: 'NO_AUDIO' },
    });
    expect(planSegments(video(60, { hasVideo: false }), dance, limits)).toMatchObject({
      refusal: { code: 'NOT_A_VIDEO' },
    });
    expect(planSegments(video(60, { bytes: 3 * 1024 ** 3 }), dance, limits)).toEqual({
      refusal: { code: 'TOO_LARGE', reason: 'The video is 3.0 GiB; at most 2.0 GiB is ingested.' },
    });
    expect(planSegments(video(900), dance, limits)).toEqual({
      refusal: {
        code: 'TOO_LONG',
        reason: 'The video lasts 15 min; at most 10 min is ingested. Cut it into shorter files.',
      },
    });
  });
});
