import { InvalidPoseTrack } from './rhythm.errors';

/** COCO-17 joint order, as in the shared `poses.json` format. */
export const COCO17_JOINTS = [
  'nose',
  'l_eye',
  'r_eye',
  'l_ear',
  'r_ear',
  'l_shoulder',
  'r_shoulder',
  'l_elbow',
  'r_elbow',
  'l_wrist',
  'r_wrist',
  'l_hip',
  'r_hip',
  'l_knee',
  'r_knee',
  'l_ankle',
  'r_ankle',
] as const;

export const JOINT_COUNT = 17;
/** x, y in pixels (y down), confidence in [0, 1]. */
export const VALUES_PER_JOINT = 3;
export const MAX_POSE_FPS = 240;
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.3;

/** The `poses.json` shape: `keypoints[t][j] = [x, y, confidence]`. */
export interface PoseTrack {
  fps: number;
  keypoints: ReadonlyArray<ReadonlyArray<ReadonlyArray<number>>>;
}

/**
 * A validated track in one typed array, `data[(t * 17 + j) * 3 + c]`, so the signal code runs over
 * contiguous memory instead of nested arrays.
 */
export interface PackedPoseTrack {
  readonly fps: number;
  readonly frames: number;
  readonly data: Float64Array;
}

export interface PackOptions {
  /** The rhythm needs 3 frames (two motions make one envelope value); features need 1. */
  minFrames?: number;
}

const COMPONENT = ['x', 'y', 'confidence'] as const;

function jointLabel(joint: number): string {
  return `joint ${joint} (${COCO17_JOINTS[joint]})`;
}

function checkFps(fps: unknown): number {
  if (typeof fps !== 'number' || !Number.isFinite(fps) || fps <= 0 || fps > MAX_POSE_FPS) {
    throw new InvalidPoseTrack(
      'POSE_FPS_INVALID',
      `poses: fps must be a number in (0, ${MAX_POSE_FPS}], got ${JSON.stringify(fps) ?? String(fps)}`,
    );
  }
  return fps;
}

function checkFrameCount(frames: number, minFrames: number): void {
  if (frames < minFrames) {
    throw new InvalidPoseTrack(
      'POSE_TOO_FEW_FRAMES',
      `poses: the track has ${frames} frame(s); at least ${minFrames} are needed`,
    );
  }
}

function checkValue(value: unknown, frame: number, joint: number, component: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidPoseTrack(
      'POSE_VALUE_NOT_FINITE',
      `poses: frame ${frame}, ${jointLabel(joint)}: ${COMPONENT[component]} is ${String(value)}, not a finite number`,
      frame,
      joint,
    );
  }
  if (component === 2 && (value < 0 || value > 1)) {
    throw new InvalidPoseTrack(
      'POSE_CONFIDENCE_OUT_OF_RANGE',
      `poses: frame ${frame}, ${jointLabel(joint)}: confidence ${value} is outside [0, 1]; clamp the estimator's scores`,
      frame,
      joint,
    );
  }
  return value;
}

function isPacked(value: object): value is PackedPoseTrack {
  return (value as { data?: unknown }).data instanceof Float64Array;
}

function checkPacked(track: PackedPoseTrack, minFrames: number): PackedPoseTrack {
  checkFps(track.fps);
  const perFrame = JOINT_COUNT * VALUES_PER_JOINT;
  if (!Number.isInteger(track.frames) || track.data.length !== track.frames * perFrame) {
    throw new InvalidPoseTrack(
      'POSE_WRONG_JOINT_COUNT',
      `poses: packed data holds ${track.data.length} values, expected frames (${track.frames}) x 17 joints x 3`,
    );
  }
  checkFrameCount(track.frames, minFrames);
  for (let i = 0; i < track.data.length; i++) {
    const frame = Math.floor(i / perFrame);
    const joint = Math.floor((i % perFrame) / VALUES_PER_JOINT);
    checkValue(track.data[i], frame, joint, i % VALUES_PER_JOINT);
  }
  return track;
}

/**
 * Validates a pose track (parsed JSON or already packed) and returns it packed. Every problem is an
 * `InvalidPoseTrack` naming the frame and joint, so a user can find it in their file.
 */
export function packPoseTrack(track: unknown, options: PackOptions = {}): PackedPoseTrack {
  const minFrames = options.minFrames ?? 3;
  if (typeof track !== 'object' || track === null || Array.isArray(track)) {
    throw new InvalidPoseTrack('POSE_TRACK_NOT_OBJECT', 'poses: expected an object {fps, keypoints}');
  }
  if (isPacked(track)) return checkPacked(track, minFrames);
  const { fps, keypoints } = track as { fps?: unknown; keypoints?: unknown };
  checkFps(fps);
  if (!Array.isArray(keypoints)) {
    throw new InvalidPoseTrack('POSE_KEYPOINTS_NOT_ARRAY', 'poses: keypoints must be an array [T][17][3]');
  }
  const frames = keypoints.length;
  checkFrameCount(frames, minFrames);
  const data = new Float64Array(frames * JOINT_COUNT * VALUES_PER_JOINT);
  let k = 0;
  for (let t = 0; t < frames; t++) {
    const frame: unknown = keypoints[t];
    if (!Array.isArray(frame)) {
      throw new InvalidPoseTrack('POSE_FRAME_NOT_ARRAY', `poses: frame ${t} is not an array of joints`, t);
    }
    if (frame.length !== JOINT_COUNT) {
      throw new InvalidPoseTrack(
        'POSE_WRONG_JOINT_COUNT',
        `poses: frame ${t} has ${frame.length} joints; COCO-17 needs exactly ${JOINT_COUNT}`,
        t,
      );
    }
    for (let j = 0; j < JOINT_COUNT; j++) {
      const point: unknown = frame[j];
      if (!Array.isArray(point) || point.length !== VALUES_PER_JOINT) {
        throw new InvalidPoseTrack(
          'POSE_KEYPOINT_MALFORMED',
          `poses: frame ${t}, ${jointLabel(j)} must be [x, y, confidence]`,
          t,
          j,
        );
      }
      for (let c = 0; c < VALUES_PER_JOINT; c++) data[k++] = checkValue(point[c], t, j, c);
    }
  }
  return { fps: fps as number, frames, data };
}
