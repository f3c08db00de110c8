import { join } from 'node:path';
import { NoPersonFound } from '../media.errors';
import { VTEST_CLIP, testPattern, tone, useTempDir } from '../media-fixtures.testing';
import {
  DEFAULT_MIN_PERSON_RATIO,
  PERSON_CONFIDENCE_THRESHOLD,
  PoseEstimator,
  estimatePoses,
} from './pose-estimator';
import type { PoseEstimation, PoseProgress } from './pose.types';

// Real MoveNet weights on the wasm backend: about 50-100 ms a frame here, plus the model load.
jest.setTimeout(120_000);

const tmp = useTempDir();
const [L_SHOULDER, R_SHOULDER, L_HIP, R_HIP, L_ANKLE, R_ANKLE] = [5, 6, 11, 12, 15, 16];

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function midY(frame: number[][], a: number, b: number): number {
  return (frame[a][1] + frame[b][1]) / 2;
}

describe('estimatePoses on real footage (pedestrians in vtest.avi)', () => {
  let poses: PoseEstimation;
  const progress: PoseProgress[] = [];

  beforeAll(async () => {
    poses = await estimatePoses(VTEST_CLIP, { fps: 5, onProgress: (p) => progress.push({ ...p }) });
  });

  it('gives the shared pose-track shape at the requested rate, in source pixels', () => {
    expect(poses.fps).toBe(5);
    expect(poses.model).toBe('lightning');
    expect([poses.width, poses.height]).toEqual([768, 576]);
    expect(poses.keypoints).toHaveLength(30);
    for (const frame of poses.keypoints) {
      expect(frame).toHaveLength(17);
      for (const [x, y, c] of frame) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(768);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(576);
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(1);
      }
    }
  });

  it('finds a person in most frames with confident keypoints', () => {
    expect(poses.personFound).toBeGreaterThan(0.8);
    expect(mean(poses.keypoints.flat().map((k) => k[2]))).toBeGreaterThan(0.35);
  });

  it('gives a plausible upright skeleton: shoulders above hips above ankles, a person-sized torso', () => {
    const confident = poses.keypoints.filter((f) => mean(f.map((k) => k[2])) > 0.4);
    expect(confident.length).toBeGreaterThan(10);
    for (const frame of confident) {
      const shoulders = midY(frame, L_SHOULDER, R_SHOULDER);
      const hips = midY(frame, L_HIP, R_HIP);
      const ankles = midY(frame, L_ANKLE, R_ANKLE);
      expect(shoulders).toBeLessThan(hips);
      expect(hips).toBeLessThan(ankles);
      // Pedestrians here are 60-200 px tall: the torso is a fraction of that, legs about as long.
      const torso = hips - shoulders;
      expect(torso).toBeGreaterThan(8);
      expect(torso).toBeLessThan(150);
      expect((ankles - hips) / torso).toBeGreaterThan(0.6);
      expect((ankles - hips) / torso).toBeLessThan(3);
    }
  });

  it('follows one person smoothly: the hips move a few pixels per frame, not across the frame', () => {
    const hipsX = poses.keypoints.map((f) => (f[L_HIP][0] + f[R_HIP][0]) / 2);
    const jumps = hipsX.slice(1).map((x, i) => Math.abs(x - hipsX[i]));
    expect(mean(jumps)).toBeLessThan(40);
  });

  it('reports progress up to done == total', () => {
    expect(progress.length).toBeGreaterThanOrEqual(30);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    const last = progress[progress.length - 1];
    expect(last.done).toBe(last.total);
    expect(last.done).toBe(30);
  });
});

describe('estimatePoses refusals', () => {
  it('refuses a video with nobody in it, saying why', async () => {
    const empty = await testPattern(join(tmp.dir(), 'bars.mp4'), 2);
    const err = await estimatePoses(empty, { fps: 5 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(NoPersonFound);
    expect(err).toMatchObject({
      code: 'NO_PERSON_FOUND',
      personFound: 0,
      minPersonRatio: DEFAULT_MIN_PERSON_RATIO,
    });
    expect((err as Error).message).toMatch(/No person was found in most of the video/);
    // With the check off, the same video gives low-confidence poses.
    const anyway = await estimatePoses(empty, { fps: 5, minPersonRatio: 0 });
    expect(anyway.personFound).toBe(0);
    for (const frame of anyway.keypoints)
      expect(mean(frame.map((k) => k[2]))).toBeLessThan(PERSON_CONFIDENCE_THRESHOLD);
  });

  it('refuses audio with no video stream', async () => {
    const wav = await tone(join(tmp.dir(), 'tone.wav'), 1, 440);
    await expect(estimatePoses(wav, { fps: 5 })).rejects.toMatchObject({ code: 'MEDIA_NO_VIDEO' });
  });
});

describe('PoseEstimator with Thunder', () => {
  it('loads the larger model and finds an upright person', async () => {
    const thunder = await PoseEstimator.load({ model: 'thunder' });
    try {
      // Several pedestrians: Thunder may pick another one than Lightning, so only plausibility is checked.
      const poses = await thunder.estimate(VTEST_CLIP, { fps: 2, durationSeconds: 2 });
      expect(poses.model).toBe('thunder');
      expect(poses.keypoints).toHaveLength(4);
      expect(poses.personFound).toBeGreaterThanOrEqual(0.5);
      const frame = poses.keypoints[poses.keypoints.length - 1];
      expect(midY(frame, L_SHOULDER, R_SHOULDER)).toBeLessThan(midY(frame, L_HIP, R_HIP));
      expect(midY(frame, L_HIP, R_HIP)).toBeLessThan(midY(frame, L_ANKLE, R_ANKLE));
    } finally {
      thunder.dispose();
    }
  });
});
