// Pose estimation speed for `npm run bench:generate`: what a video request spends before sampling. The
// people-walking fixture (libs/media/fixtures/vtest-6s.mp4) looped to the wanted length in a temp dir, then
// MoveNet Lightning (what the worker runs) at the model's pose rate.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PoseEstimator, probeMedia } from '@loris/media';
import type { PoseBenchResult } from './generate-bench-report';

const FIXTURE = join(__dirname, '..', '..', '..', '..', 'libs', 'media', 'fixtures', 'vtest-6s.mp4');

/** Loops the fixture to exactly `seconds` (re-encoded: a stream copy would cut at a packet boundary). */
function loopedVideo(dir: string, seconds: number): string {
  const out = join(dir, `people-${seconds}s.mp4`);
  const args = ['-v', 'error', '-stream_loop', '-1', '-i', FIXTURE, '-t', String(seconds)];
  execFileSync(process.env.FFMPEG_PATH || 'ffmpeg', [...args, '-c:v', 'libx264', '-preset', 'veryfast', out]);
  return out;
}

export async function measurePoseEstimation(seconds: number, fps: number): Promise<PoseBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'loris-bench-pose-'));
  try {
    const video = loopedVideo(dir, seconds);
    const { durationSeconds } = await probeMedia(video);
    let started = performance.now();
    const estimator = await PoseEstimator.load({ model: 'lightning' });
    const loadSeconds = (performance.now() - started) / 1000;
    try {
      started = performance.now();
      const poses = await estimator.estimate(video, { fps, minPersonRatio: 0 });
      const estimateSeconds = (performance.now() - started) / 1000;
      return {
        videoSeconds: durationSeconds,
        fps,
        frames: poses.keypoints.length,
        loadSeconds,
        estimateSeconds,
        framesPerSecond: poses.keypoints.length / estimateSeconds,
        personFound: poses.personFound,
      };
    } finally {
      estimator.dispose();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
