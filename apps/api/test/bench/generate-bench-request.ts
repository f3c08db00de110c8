// What every bench:generate request is, and its pose track: kept apart from the API clients so the bare
// baseline's process loads only what `loris generate` loads (a larger heap makes every collection dearer).
import { generateSynthExample } from '@loris/synth';

export interface BenchRequest {
  genre: string;
  seconds: number;
  steps: number;
}

/** A pose track of the request's length; each client gets its own dancer (seed). */
export function benchPoses(request: BenchRequest, seed: number): unknown {
  return generateSynthExample({ genre: request.genre, seconds: request.seconds, seed }).poses;
}
