import { join } from 'node:path';
import { InvalidMedia, MediaCancelled } from '../media.errors';
import { VTEST_CLIP, ffmpeg, useTempDir } from '../media-fixtures.testing';
import { closePosePool, estimatePoses } from './pose-estimator';
import { MIN_PART_SECONDS, planPoseWindow } from './pose-pool';
import type { PoseEstimation, PoseProgress } from './pose.types';

// Real MoveNet in real worker threads (each its own TensorFlow.js wasm instance) on real footage.
jest.setTimeout(180_000);

const tmp = useTempDir();

afterAll(() => closePosePool());

describe('planPoseWindow', () => {
  it('cuts a window into equal parts on frame boundaries that add up to the whole', () => {
    const plan = planPoseWindow(10, 750, 30, 2, false);
    expect(plan).toEqual([
      { startSeconds: 10, durationSeconds: 12.5, frames: 375 },
      { startSeconds: 22.5, durationSeconds: 12.5, frames: 375 },
    ]);
  });

  it('keeps parts of at least MIN_PART_SECONDS, so a short window stays whole', () => {
    expect(planPoseWindow(0, 9 * 30, 30, 4, false)).toHaveLength(1);
    expect(planPoseWindow(0, 2 * MIN_PART_SECONDS * 30, 30, 4, false)).toHaveLength(2);
    expect(planPoseWindow(0, 60 * 16, 16, 4, false)).toHaveLength(4);
  });

  it('gives uneven frame counts to whole frames and lets a window that ran to the end still do so', () => {
    const plan = planPoseWindow(0, 301, 10, 3, true);
    expect(plan.map((part) => part.frames)).toEqual([100, 101, 100]);
    expect(plan.reduce((sum, part) => sum + part.frames, 0)).toBe(301);
    expect(plan[1].startSeconds).toBeCloseTo(10, 9);
    expect(plan[2].startSeconds).toBeCloseTo(20.1, 9);
    expect(plan[2].durationSeconds).toBeUndefined();
    expect(plan[0].durationSeconds).toBeCloseTo(10, 9);
  });
});

describe('estimatePoses split over threads', () => {
  let clip: string;
  let inThread: PoseEstimation;
  let inParts: PoseEstimation;
  const progress: PoseProgress[] = [];

  beforeAll(async () => {
    // vtest's pedestrians looped to 12 s: two parts of 6 s at 5 fps.
    clip = await ffmpeg(
      ['-stream_loop', '1', '-i', VTEST_CLIP, '-t', '12', '-c:v', 'libx264', '-preset', 'ultrafast'],
      join(tmp.dir(), 'twelve.mp4'),
    );
    inThread = await estimatePoses(clip, { fps: 5, threads: 1 });
    inParts = await estimatePoses(clip, { fps: 5, threads: 2, onProgress: (p) => progress.push({ ...p }) });
  });

  it('gives the frames one decode of the whole window gives, in order', () => {
    expect(inParts.keypoints).toHaveLength(60);
    expect(inParts.keypoints).toHaveLength(inThread.keypoints.length);
    expect([inParts.width, inParts.height, inParts.fps, inParts.model]).toEqual([768, 576, 5, 'lightning']);
  });

  it('tracks the same person: after each part settles, the poses are those of the whole-window run', () => {
    // Each part begins with a full-frame look, as the first frame of any video does, so its first frames
    // may differ; from the third frame of a part on, the crop has settled where the whole-window run's is.
    const hips = (pose: number[][]) => [(pose[11][0] + pose[12][0]) / 2, (pose[11][1] + pose[12][1]) / 2];
    for (const part of [0, 30]) {
      for (let frame = part + 3; frame < part + 30; frame++) {
        const [ax, ay] = hips(inParts.keypoints[frame]);
        const [bx, by] = hips(inThread.keypoints[frame]);
        expect(Math.hypot(ax - bx, ay - by)).toBeLessThan(10);
      }
    }
    expect(inParts.personFound).toBeGreaterThan(0.8);
  });

  it('reports progress over the whole window up to done == total', () => {
    expect(progress.length).toBeGreaterThanOrEqual(4);
    const last = progress[progress.length - 1];
    expect(last).toEqual({ done: 60, total: 60 });
    expect(progress.every((p) => p.total === 60 && p.done <= 60)).toBe(true);
  });

  it('is cancelled by its signal, in every part', async () => {
    const abort = new AbortController();
    const started = estimatePoses(clip, {
      fps: 5,
      threads: 2,
      signal: abort.signal,
      onProgress: ({ done }) => done >= 5 && abort.abort(),
    });
    await expect(started).rejects.toBeInstanceOf(MediaCancelled);
    // The threads are free again: the next window runs.
    const again = await estimatePoses(clip, { fps: 2, threads: 2, minPersonRatio: 0 });
    expect(again.keypoints).toHaveLength(24);
  });

  it("fails with the part's own libs/media error, rebuilt on this side", async () => {
    // A Matroska file that says 12 s (its header is up front) but whose bytes stop after about 4 s.
    const { readFileSync, writeFileSync } = await import('node:fs');
    const whole = readFileSync(await ffmpeg(['-i', clip, '-c', 'copy'], join(tmp.dir(), 'whole.mkv')));
    const truncated = join(tmp.dir(), 'truncated.mkv');
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length * 0.4)));
    const failure = (threads: number) =>
      estimatePoses(truncated, { fps: 5, threads }).then(
        () => new Error('it was not refused'),
        (error: Error) => error,
      );
    const inThreadError = await failure(1);
    const inPartsError = await failure(2);
    expect(inPartsError).toBeInstanceOf(InvalidMedia);
    expect(inPartsError.constructor).toBe(inThreadError.constructor);
    expect((inPartsError as { code?: string }).code).toBe('MEDIA_CORRUPT');
    // The earliest failure in the video is told, in the video's own time: the second part, which fails
    // first (it starts past the end), does not hide that the file ends inside the first.
    expect(inPartsError.message).toBe(inThreadError.message);
    expect(inPartsError.message).toMatch(/^The video ends after [1-5]\.\d s of its 12\.0 s/);
  });
});
