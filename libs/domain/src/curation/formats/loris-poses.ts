import { formatShape, type NpyArray } from './npy-reader';

/** Our pose-track JSON (the upload route's and ingest's `{fps, keypoints}`), keypoints[t][j] = [x, y, score]. */
export interface PoseTrackJson {
  fps: number;
  keypoints: number[][][];
}

// Four decimals: at pixel scale (hundreds of px) a float32 holds no more, so nothing the file says is lost.
const round = (value: number) => Math.round(value * 1e4) / 1e4;

/**
 * The authors' T×17×3 pose array (x, y, score of the COCO-17 joints) as our pose track. Its rate is what
 * the array spans: T frames over the segment's length (400 frames in 25 s is the release's 16 fps).
 * Throws with the reason for an array of another shape or with a value that is not a finite number.
 */
export function poseTrackOfNpy(npy: NpyArray, lengthSeconds: number): PoseTrackJson {
  const [frames, joints, values] = npy.shape;
  if (npy.shape.length !== 3 || joints !== 17 || values !== 3 || frames < 3) {
    throw new Error(`the poses have shape ${formatShape(npy.shape)}; expected (frames >= 3, 17, 3)`);
  }
  const keypoints: number[][][] = [];
  for (let t = 0; t < frames; t++) {
    const frame: number[][] = [];
    for (let j = 0; j < 17; j++) {
      const at = (t * 17 + j) * 3;
      const joint = [round(npy.data[at]), round(npy.data[at + 1]), round(npy.data[at + 2])];
      if (joint.some((v) => !Number.isFinite(v))) {
        throw new Error(`the poses have a value that is not a finite number at frame ${t}, joint ${j}`);
      }
      frame.push(joint);
    }
    keypoints.push(frame);
  }
  return { fps: frames / lengthSeconds, keypoints };
}
