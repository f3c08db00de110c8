import type { PoseTrack } from './pose-track';

/**
 * Hand-built tracks for the specs: a still body whose joints can be moved frame by frame. Kept beside
 * the code because several specs build on it; not exported from the lib.
 */
export function stillTrack(frames: number, confidence = 0.9): number[][][] {
  return Array.from({ length: frames }, () =>
    Array.from({ length: 17 }, (_, j) => [500 + 10 * j, 300 + 5 * j, confidence]),
  );
}

/** Moves `joint` by (dx, dy) from frame `from` on (a step: one motion, then it stays). */
export function step(keypoints: number[][][], joint: number, from: number, dx: number, dy: number): void {
  for (let t = from; t < keypoints.length; t++) {
    keypoints[t][joint][0] += dx;
    keypoints[t][joint][1] += dy;
  }
}

export function asTrack(keypoints: number[][][], fps = 30): PoseTrack {
  return { fps, keypoints };
}
