import { InvalidPoseTrack } from '@loris/rhythm';
import { InvalidRequestError } from '../inference.errors';
import { measurePoseTrack } from './measure-pose-track';
import { measurePoseTrackOffThread } from './pose-track-thread';

const FRAME = Array.from({ length: 17 }, (_, j) => [0.1 + j / 40, 0.5, 0.9]);
const track = (frames: number, fps = 30) => JSON.stringify({ fps, keypoints: Array(frames).fill(FRAME) });
const bytes = (text: string) => new TextEncoder().encode(text);

describe('measurePoseTrack', () => {
  it('gives the seconds, frames and fps of a track, from text or bytes with a byte-order mark', () => {
    expect(measurePoseTrack(track(60))).toEqual({ seconds: 2, frames: 60, fps: 30 });
    expect(measurePoseTrack(bytes(`\uFEFF${track(45, 15)}`))).toEqual({ seconds: 3, frames: 45, fps: 15 });
  });

  it('refuses a track longer than the longest request (one second of slack) on its frame count', () => {
    expect(measurePoseTrack(track(301 * 30)).seconds).toBe(301);
    expect(() => measurePoseTrack(track(301 * 30 + 1))).toThrow(
      new InvalidPoseTrack(
        'POSE_TRACK_TOO_LONG',
        'The pose track has 9031 frames at 30 fps (301.0 s); the longest request is 300 s, so send at most 9030 frames',
      ),
    );
    expect(() => measurePoseTrack(track(31), 0)).toThrow(/longest request is 0 s/);
  });

  it('checks the frames as generation does once the length is fine', () => {
    const bad = JSON.stringify({ fps: 30, keypoints: [FRAME, FRAME, [[0, 0]]] });
    expect(() => measurePoseTrack(bad)).toThrow(InvalidPoseTrack);
    expect(() => measurePoseTrack('{"fps": 30,')).toThrow(InvalidRequestError);
  });
});

describe('measurePoseTrackOffThread', () => {
  it('answers as measurePoseTrack does, errors included', async () => {
    await expect(measurePoseTrackOffThread(bytes(track(90)))).resolves.toEqual({
      seconds: 3,
      frames: 90,
      fps: 30,
    });
    await expect(measurePoseTrackOffThread(bytes(track(9031)))).rejects.toMatchObject({
      code: 'POSE_TRACK_TOO_LONG',
      message: expect.stringContaining('send at most 9030 frames'),
    });
    await expect(measurePoseTrackOffThread(bytes('{"fps": 30, "keypoints": 3}'))).rejects.toMatchObject({
      name: 'InvalidPoseTrack',
      code: 'POSE_KEYPOINTS_NOT_ARRAY',
    });
    const notJson = measurePoseTrackOffThread(bytes('not json'));
    await expect(notJson).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(notJson).rejects.toThrow(/^poses is not valid JSON/);
  }, 30_000);

  it('measures a few tracks at a time, each answer its own', async () => {
    const answers = await Promise.all(
      [30, 60, 90, 120, 150].map((frames) => measurePoseTrackOffThread(bytes(track(frames)))),
    );
    expect(answers.map((a) => a.seconds)).toEqual([1, 2, 3, 4, 5]);
  }, 30_000);
});
