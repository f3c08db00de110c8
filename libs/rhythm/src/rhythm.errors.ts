/** Codes of the problems a pose track can have; stable, so the API and CLI can map them. */
export type InvalidPoseTrackCode =
  | 'POSE_TRACK_NOT_OBJECT'
  | 'POSE_FPS_INVALID'
  | 'POSE_KEYPOINTS_NOT_ARRAY'
  | 'POSE_TOO_FEW_FRAMES'
  | 'POSE_TRACK_TOO_LONG'
  | 'POSE_FRAME_NOT_ARRAY'
  | 'POSE_WRONG_JOINT_COUNT'
  | 'POSE_KEYPOINT_MALFORMED'
  | 'POSE_VALUE_NOT_FINITE'
  | 'POSE_CONFIDENCE_OUT_OF_RANGE';

/** A pose track that cannot be used; the message names the frame and joint where it applies. */
export class InvalidPoseTrack extends Error {
  constructor(
    readonly code: InvalidPoseTrackCode,
    message: string,
    readonly frame?: number,
    readonly joint?: number,
  ) {
    super(message);
    this.name = 'InvalidPoseTrack';
  }
}

export type InvalidRhythmOptionsCode = 'RHYTHM_UNKNOWN_VARIANT' | 'RHYTHM_OPTION_INVALID';

/** An option outside its domain (unknown variant, non-positive window, threshold out of range). */
export class InvalidRhythmOptions extends Error {
  constructor(
    readonly code: InvalidRhythmOptionsCode,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidRhythmOptions';
  }
}

export type InvalidResampleInputCode =
  'RESAMPLE_EMPTY_INPUT' | 'RESAMPLE_BAD_LENGTH' | 'RESAMPLE_RAGGED_FRAMES';

/** Resampling asked of an empty signal, to a length that is not a positive integer, or of ragged frames. */
export class InvalidResampleInput extends Error {
  constructor(
    readonly code: InvalidResampleInputCode,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidResampleInput';
  }
}
