// How long a pose track is, and whether it covers a requested length. Both are decided on the frame grid
// of the model's pose fps, the grid conditionsFromPoses resamples the track to and cuts it on, so a length
// checked here is never refused later, whichever of the CLI, the API or the worker checks it.
import { packPoseTrack, type PackedPoseTrack } from '@loris/rhythm';
import { InvalidRequestError } from '../inference.errors';
import { MIN_POSE_FRAMES } from './parse-pose-track';

/** The seconds a packed track covers: its frames over its fps. */
export function packedTrackSeconds(track: PackedPoseTrack): number {
  return track.frames / track.fps;
}

/**
 * The seconds a pose track (parsed or packed, validated here) covers: frames / fps. A request for it
 * defaults to this length (capped, defaultSeconds); the API stores it with the upload.
 */
export function poseTrackSeconds(track: unknown): number {
  return packedTrackSeconds(packPoseTrack(track, { minFrames: MIN_POSE_FRAMES }));
}

/**
 * Frames `seconds` take at `fps`. The one rounding of both the track's length at the model's fps
 * (resamplePoseTrack) and the frames a request needs, so an input's own length always fits itself.
 */
export function framesAt(seconds: number, fps: number): number {
  return Math.max(1, Math.round(seconds * fps));
}

/** The input's length for a message, at most what the input covers once rounded for display. */
function shownLimit(inputSeconds: number, poseFps: number): string {
  const rounded = inputSeconds.toFixed(2);
  if (framesAt(Number(rounded), poseFps) <= framesAt(inputSeconds, poseFps)) return rounded;
  return (Math.floor(inputSeconds * 100) / 100).toFixed(2);
}

/**
 * Refuses `seconds` longer than an input of `inputSeconds`, as measured on the model's pose frame grid
 * (a request may run up to half a frame past the input's last frame, which rounds to that frame).
 */
export function checkInputCovers(seconds: number, inputSeconds: number, poseFps: number): void {
  if (framesAt(seconds, poseFps) <= framesAt(inputSeconds, poseFps)) return;
  const limit = shownLimit(inputSeconds, poseFps);
  throw new InvalidRequestError(
    'seconds',
    `is ${seconds}, but the input is only ${limit} s long; ask for at most ${limit} s, or leave seconds out to get the whole input`,
  );
}
