// The upload check of a pose track: parsed, bounded by the longest request and checked as generation will
// check it. The bound comes before the per-frame checks, so a track far longer than anything that could be
// asked of it is refused on its frame count, not walked joint by joint.
import { InvalidPoseTrack } from '@loris/rhythm';
import { MAX_REQUEST_SECONDS } from './default-seconds';
import { parsePoseJson } from './parse-pose-track';
import { poseTrackSeconds } from './pose-track-seconds';

/** What the upload check learns of a pose track: an uploader is told it, to size a request. */
export interface PoseTrackMeasure {
  /** frames / fps */
  seconds: number;
  frames: number;
  fps: number;
}

/**
 * The length of a pose track, for a track of at most `maxSeconds` (plus one second of slack, so a clip cut
 * a little long still goes through). Throws InvalidRequestError('poses') for text that is not JSON,
 * InvalidPoseTrack('POSE_TRACK_TOO_LONG') for a longer track, and InvalidPoseTrack for the rest.
 */
export function measurePoseTrack(
  input: string | Uint8Array,
  maxSeconds = MAX_REQUEST_SECONDS,
): PoseTrackMeasure {
  const track = parsePoseJson(input) as { fps?: unknown; keypoints?: unknown };
  const { fps, keypoints } = track ?? {};
  if (typeof fps === 'number' && fps > 0 && Array.isArray(keypoints)) {
    const maxFrames = Math.ceil((maxSeconds + 1) * fps);
    if (keypoints.length > maxFrames) {
      throw new InvalidPoseTrack(
        'POSE_TRACK_TOO_LONG',
        `The pose track has ${keypoints.length} frames at ${fps} fps (${(keypoints.length / fps).toFixed(1)} s); ` +
          `the longest request is ${maxSeconds} s, so send at most ${maxFrames} frames`,
      );
    }
  }
  const seconds = poseTrackSeconds(track);
  // poseTrackSeconds has checked both: a number of frames per second > 0 and a list of frames.
  return { seconds, frames: (keypoints as unknown[]).length, fps: fps as number };
}
