// Pose estimation speed on a 25 s video: `npm run bench:pose` (prints numbers, asserts nothing).
// The video is the vtest.avi fixture looped to 25 s (768x576 pedestrians); POSE_FPS (default 30) is the
// pose rate, MODEL lightning|thunder, BENCH_SECONDS (default 25) the length, POSE_THREADS the threads of
// the split run (default: the cores, up to 4).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_POSE_THREADS,
  PoseEstimator,
  closePosePool,
  decodeFrames,
  estimatePoses,
  probeMedia,
  type MoveNetVariant,
} from '../src';

const fps = Number(process.env.POSE_FPS ?? 30);
const model = (process.env.MODEL ?? 'lightning') as MoveNetVariant;
const seconds = Number(process.env.BENCH_SECONDS ?? 25);
const threads = Number(process.env.POSE_THREADS ?? DEFAULT_POSE_THREADS);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'loris-pose-bench-'));
  try {
    const video = join(dir, 'video.mp4');
    const fixture = join(__dirname, '..', 'fixtures', 'vtest-6s.mp4');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-stream_loop',
      '-1',
      '-i',
      fixture,
      '-t',
      String(seconds),
      // Re-encoded, so the cut is exactly `seconds` (a stream copy cuts at a packet boundary).
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      video,
    ]);
    const probe = await probeMedia(video);
    console.log(
      `video: ${probe.durationSeconds.toFixed(1)} s, ${probe.video?.width}x${probe.video?.height} @ ${probe.video?.fps} fps`,
    );

    let t = performance.now();
    let frames = 0;
    for await (const frame of decodeFrames(video, { fps, width: 640, height: 480, fit: 'scale' }))
      frames = frame.index + 1;
    const decodeS = (performance.now() - t) / 1000;
    console.log(
      `decode only: ${frames} frames at ${fps} fps in ${decodeS.toFixed(2)} s = ${(frames / decodeS).toFixed(1)} frames/s`,
    );

    t = performance.now();
    const estimator = await PoseEstimator.load({ model });
    console.log(`model load (${model}): ${((performance.now() - t) / 1000).toFixed(2)} s`);
    t = performance.now();
    const poses = await estimator.estimate(video, { fps, minPersonRatio: 0 });
    const poseS = (performance.now() - t) / 1000;
    const n = poses.keypoints.length;
    console.log(
      `pose estimation: ${n} frames in ${poseS.toFixed(2)} s = ${(n / poseS).toFixed(1)} frames/s ` +
        `(${((poseS * 1000) / n).toFixed(1)} ms/frame, ${(probe.durationSeconds / poseS).toFixed(2)}x real time), ` +
        `personFound ${poses.personFound.toFixed(2)}`,
    );
    estimator.dispose();

    // The same window through estimatePoses, split over the pose pool's threads (each loads its own model
    // on first use, which this includes, as a worker's first ingest would).
    t = performance.now();
    const pooled = await estimatePoses(video, { fps, model, minPersonRatio: 0, threads });
    const pooledS = (performance.now() - t) / 1000;
    console.log(
      `pose estimation on ${threads} thread(s): ${pooled.keypoints.length} frames in ${pooledS.toFixed(2)} s = ` +
        `${(pooled.keypoints.length / pooledS).toFixed(1)} frames/s (${(probe.durationSeconds / pooledS).toFixed(2)}x real time), ` +
        `${(poseS / pooledS).toFixed(2)}x the single-thread run`,
    );
    await closePosePool();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
