import type { FramePose } from './pose.types';

/** A crop of the frame in normalised coordinates (may extend past the edges: padded with black). */
export interface CropRegion {
  yMin: number;
  xMin: number;
  height: number;
  width: number;
}

/** Joints below this score do not steer the crop (the value of the MoveNet reference tracker). */
const MIN_CROP_KEYPOINT_SCORE = 0.2;
const L_SHOULDER = 5;
const R_SHOULDER = 6;
const L_HIP = 11;
const R_HIP = 12;

/** The whole frame padded to a square, centred: what MoveNet sees before it has found anyone. */
export function fullFrameCrop(width: number, height: number): CropRegion {
  if (width > height) {
    const side = width / height;
    return { yMin: (1 - side) / 2, xMin: 0, height: side, width: 1 };
  }
  const side = height / width;
  return { yMin: 0, xMin: (1 - side) / 2, height: 1, width: side };
}

/**
 * The crop for the next frame from this frame's keypoints (source pixels), after the "determine crop
 * region" step of the MoveNet single-pose reference tracker (TF Hub MoveNet tutorial, tfjs-models
 * pose-detection): a square around the hips, large enough for the torso x1.9 and the whole body x1.2,
 * so a small dancer fills the model's input instead of a few pixels of it. Falls back to the full frame
 * when the torso is not visible or the crop would be larger than the frame.
 */
export function nextCropRegion(pose: FramePose, width: number, height: number): CropRegion {
  const seen = (j: number): boolean => pose[j][2] > MIN_CROP_KEYPOINT_SCORE;
  const torsoVisible = (seen(L_HIP) || seen(R_HIP)) && (seen(L_SHOULDER) || seen(R_SHOULDER));
  if (!torsoVisible) return fullFrameCrop(width, height);
  const hips = [L_HIP, R_HIP].filter(seen);
  const centerX = hips.reduce((s, j) => s + pose[j][0], 0) / hips.length;
  const centerY = hips.reduce((s, j) => s + pose[j][1], 0) / hips.length;
  let torso = 0;
  for (const j of [L_SHOULDER, R_SHOULDER, L_HIP, R_HIP]) {
    if (seen(j)) torso = Math.max(torso, Math.abs(centerX - pose[j][0]), Math.abs(centerY - pose[j][1]));
  }
  let body = 0;
  for (let j = 0; j < pose.length; j += 1) {
    if (seen(j)) body = Math.max(body, Math.abs(centerX - pose[j][0]), Math.abs(centerY - pose[j][1]));
  }
  let half = Math.max(torso * 1.9, body * 1.2);
  half = Math.min(half, Math.max(centerX, width - centerX, centerY, height - centerY));
  if (half > Math.max(width, height) / 2 || half <= 0) return fullFrameCrop(width, height);
  return {
    yMin: (centerY - half) / height,
    xMin: (centerX - half) / width,
    height: (2 * half) / height,
    width: (2 * half) / width,
  };
}
