import type { PoseTrack } from '@loris/rhythm';

export type MoveNetVariant = 'lightning' | 'thunder';

export interface PoseEstimatorOptions {
  /** Lightning (192x192, fast, the default) or Thunder (256x256, more accurate). */
  model?: MoveNetVariant;
}

export interface PoseProgress {
  /** Frames estimated so far. */
  done: number;
  /** Frames expected (from the probe); the last call has done == total. */
  total: number;
}

export interface EstimatePosesOptions extends PoseEstimatorOptions {
  /** Pose rate; the video is resampled to it. */
  fps: number;
  startSeconds?: number;
  durationSeconds?: number;
  onProgress?: (progress: PoseProgress) => void;
  signal?: AbortSignal;
  /**
   * Refuse with NoPersonFound when fewer than this share of frames have a person in them (default 0.5,
   * "most frames"). 0 turns the check off.
   */
  minPersonRatio?: number;
  /**
   * Most threads to estimate the window on (default: the machine's cores, up to 4); a window of at least
   * two 5 s parts is split over them. 1 estimates in the calling thread.
   */
  threads?: number;
}

/**
 * The shared pose track format (`{fps, keypoints: [T][17][3]}`, COCO-17, x/y in source pixels, y down),
 * plus what the estimation saw. Serialise `{fps, keypoints}` when writing `poses.json`.
 */
export interface PoseEstimation extends PoseTrack {
  keypoints: number[][][];
  /** Share of frames in which a person was found (mean keypoint confidence >= PERSON_CONFIDENCE_THRESHOLD). */
  personFound: number;
  model: MoveNetVariant;
  /** Source video size in pixels, the coordinate frame of `keypoints`. */
  width: number;
  height: number;
}

/** Keypoints of one frame, COCO-17 order, each [x, y, confidence] in the frame's source pixels. */
export type FramePose = number[][];
