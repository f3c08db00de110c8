// Every default and every check of a soundtrack request that needs no ONNX session, in one function: the
// API calls it when a request arrives (with the upload's stored duration), and generateSoundtrack calls it
// for `loris generate`, the worker and the evaluations (with the track's own), so a request means the same
// length and settings everywhere, and anything generation would refuse is refused up front.
import { InvalidRequestError } from '../inference.errors';
import { checkPoseRequest } from '../model/check-request';
import type { ModelContract } from '../model/model-contract';
import { defaultSeconds, MAX_REQUEST_SECONDS } from './default-seconds';
import { checkInputCovers } from './pose-track-seconds';
import { type SamplingSettings, samplingSettings } from './sampling-settings';

/** A request as a caller has it; null and undefined both mean "the default". */
export interface SoundtrackRequestFields {
  genre: string;
  /** Default: the input's duration, capped at MAX_REQUEST_SECONDS (defaultSeconds). */
  seconds?: number | null;
  /** Seconds the input (pose track or video) covers: the default length, and the longest allowed. */
  inputSeconds: number;
  /** Default 0 (the API draws one before it calls this, and stores it). */
  seed?: number | null;
  /** Default: the card's steps for the card's sampler, else SAMPLER_DEFAULT_STEPS. */
  steps?: number | null;
  /** Default: the card's sampler. */
  sampler?: string | null;
  /** Default: the card's guidance scale. */
  guidance?: number | null;
}

/** A request with every default filled in and every check passed. */
export interface ResolvedSoundtrackRequest {
  genre: string;
  seconds: number;
  settings: SamplingSettings;
}

function checkInputSeconds(inputSeconds: number): number {
  if (!(Number.isFinite(inputSeconds) && inputSeconds > 0)) {
    throw new InvalidRequestError(
      'input',
      `lasts ${inputSeconds} s; a pose track or video must last longer than 0 s`,
    );
  }
  return inputSeconds;
}

/**
 * The request with its defaults, checked against the model card and the input's length. Throws
 * RequestMismatchError for a genre the model does not know (listing the ones it does) or a length its
 * tensors cannot take, InvalidRequestError for a length that is not positive, over MAX_REQUEST_SECONDS or
 * longer than the input, and for sampler settings out of range.
 */
export function resolveSoundtrackRequest(
  contract: ModelContract,
  request: SoundtrackRequestFields,
): ResolvedSoundtrackRequest {
  const inputSeconds = checkInputSeconds(request.inputSeconds);
  const seconds = request.seconds ?? defaultSeconds(inputSeconds);
  // The genre, a positive length, and that the model's tensors take the conditions poses give.
  checkPoseRequest(contract, request.genre, seconds);
  // The platform's cap, or the card's own longest request (windows.maxSeconds) when that is shorter.
  const longest = Math.min(MAX_REQUEST_SECONDS, contract.windows.maxSeconds);
  if (seconds > longest) {
    throw new InvalidRequestError('seconds', `is ${seconds}; a request may be at most ${longest} s long`);
  }
  checkInputCovers(seconds, inputSeconds, contract.pose.fps);
  const settings = samplingSettings(contract, {
    seed: request.seed ?? undefined,
    steps: request.steps ?? undefined,
    sampler: request.sampler ?? undefined,
    guidance: request.guidance ?? undefined,
  });
  return { genre: request.genre, seconds, settings };
}
