// The request half of generation, before any ONNX call: the pose track parsed (raw text or bytes) and
// validated once, the request resolved with resolveSoundtrackRequest against the track's own length, and
// the conditions computed. generateSoundtrack and GenerationThread.generate both start here, so the CLI,
// the worker and the evaluations give the same bytes for the same request and seed.
import { packPoseTrack } from '@loris/rhythm';
import type { ModelContract } from '../model/model-contract';
import { isRawPoseTrack, MIN_POSE_FRAMES, parsePoseJson } from '../request/parse-pose-track';
import { packedTrackSeconds } from '../request/pose-track-seconds';
import { type ResolvedSoundtrackRequest, resolveSoundtrackRequest } from '../request/resolve-request';
import type { SamplingSettings } from '../request/sampling-settings';
import { type ModelConditions, trackConditions } from './conditions';

/** What a generation is asked for; every field but the poses and the genre has a default. */
export interface GenerationRequest extends Partial<SamplingSettings> {
  /**
   * The pose track {fps, keypoints}: parsed, or poses.json's text or UTF-8 bytes (a byte-order mark is
   * dropped, parsePoseTrack); any fps.
   */
  poses: unknown;
  genre: string;
  /** Default: the track's duration, capped at MAX_REQUEST_SECONDS (defaultSeconds). */
  seconds?: number;
}

export interface PreparedGeneration extends ResolvedSoundtrackRequest {
  conditions: ModelConditions;
}

/**
 * The resolved request and its conditions. Throws what parsePoseTrack and resolveSoundtrackRequest throw:
 * InvalidRequestError, RequestMismatchError, and libs/rhythm's InvalidPoseTrack for a bad track.
 */
export function prepareGeneration(contract: ModelContract, request: GenerationRequest): PreparedGeneration {
  const poses = isRawPoseTrack(request.poses) ? parsePoseJson(request.poses) : request.poses;
  const track = packPoseTrack(poses, { minFrames: MIN_POSE_FRAMES });
  const resolved = resolveSoundtrackRequest(contract, {
    genre: request.genre,
    seconds: request.seconds,
    inputSeconds: packedTrackSeconds(track),
    seed: request.seed,
    steps: request.steps,
    sampler: request.sampler,
    guidance: request.guidance,
  });
  return { ...resolved, conditions: trackConditions(contract, track, resolved.genre, resolved.seconds) };
}
