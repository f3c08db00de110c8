// How long a soundtrack is when the request does not say: the input's own length, so a 6 s clip gets 6 s
// and a 60 s video 60 s, up to the longest request the platform serves. The CLI, the worker and the API
// all take the default from here, so the same request gives the same length everywhere.

/** The longest soundtrack one request may ask for, in seconds (a request's own cap and the default's). */
export const MAX_REQUEST_SECONDS = 300;

/**
 * The length a request without `seconds` gets: the input's duration, capped at MAX_REQUEST_SECONDS. Not
 * rounded: the API stores this value and the worker renders it, and both must compute the same lengths
 * as `loris generate` does from the same track.
 */
export function defaultSeconds(inputSeconds: number): number {
  return Math.min(inputSeconds, MAX_REQUEST_SECONDS);
}
