// A pose track as it arrives (poses.json's text or bytes, from a file, an upload or a queue) turned into
// the parsed track, checked as generation will check it. Editors on Windows save UTF-8 with a byte-order
// mark, which JSON.parse refuses; every caller strips it here, so a file the API takes the CLI takes too.
import { packPoseTrack } from '@loris/rhythm';
import { InvalidRequestError } from '../inference.errors';

/** The fewest frames a track may have: the visual rhythm's peak picking needs three. */
export const MIN_POSE_FRAMES = 3;

const BYTE_ORDER_MARK = /^\uFEFF/;

/** poses.json's text, decoded as UTF-8 when it comes as bytes, without a leading byte-order mark. */
function poseText(input: string | Uint8Array): string {
  // ignoreBOM keeps the mark in the text, so strings and bytes lose it in one place, below.
  const text =
    typeof input === 'string' ? input : new TextDecoder('utf-8', { ignoreBOM: true }).decode(input);
  return text.replace(BYTE_ORDER_MARK, '');
}

/** Whether a value is poses.json's raw text or bytes rather than an already parsed track. */
export function isRawPoseTrack(input: unknown): input is string | Uint8Array {
  // ArrayBuffer.isView rather than instanceof: a Buffer from another realm (a vm, a jest sandbox) is one too.
  return typeof input === 'string' || ArrayBuffer.isView(input);
}

/**
 * The JSON of poses.json, not yet checked as a track. Throws InvalidRequestError('poses') when it is not
 * JSON at all.
 */
export function parsePoseJson(input: string | Uint8Array): unknown {
  try {
    return JSON.parse(poseText(input)) as unknown;
  } catch (error) {
    throw new InvalidRequestError(
      'poses',
      `is not valid JSON (${(error as Error).message}); expected {fps, keypoints: [T][17][3]}`,
    );
  }
}

/**
 * Parses poses.json (text or UTF-8 bytes, with or without a byte-order mark) and checks it is a pose track
 * generation can use. Throws InvalidRequestError('poses') for text that is not JSON, and libs/rhythm's
 * InvalidPoseTrack, unchanged, for JSON that is not a usable track (it names the frame and joint; callers
 * map it to their own errors). Returns the parsed track.
 */
export function parsePoseTrack(input: string | Uint8Array): unknown {
  const track = parsePoseJson(input);
  packPoseTrack(track, { minFrames: MIN_POSE_FRAMES });
  return track;
}
