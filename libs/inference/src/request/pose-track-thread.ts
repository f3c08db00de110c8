// measurePoseTrack on a thread of its own, for a server: JSON.parse of a large track blocks whichever
// thread runs it for seconds, and on the API's main thread that stalled every tenant's requests. The
// thread gets its own copy of the bytes (transferred). Parsing builds a heap many times the text's size
// (about 1.2 GB for 64 MB of JSON), so only a few tracks are measured at once. No V8 heap limit: a worker
// that hits one inside JSON.parse can abort the whole process instead of failing alone.
import { Worker } from 'node:worker_threads';
import { InvalidPoseTrack, type InvalidPoseTrackCode } from '@loris/rhythm';
import { InvalidRequestError } from '../inference.errors';
import { workerScript } from '../threads/worker-script';
import { MAX_REQUEST_SECONDS } from './default-seconds';
import type { PoseTrackMeasure } from './measure-pose-track';

export interface PoseTrackJob {
  bytes: Uint8Array;
  maxSeconds: number;
}

export type PoseTrackAnswer =
  | { measure: PoseTrackMeasure }
  | { refused: 'track'; code: InvalidPoseTrackCode; message: string }
  | { refused: 'json'; message: string };

export interface MeasureOffThreadOptions {
  maxSeconds?: number;
}

/** Tracks measured at once per process; the rest wait their turn. */
const CONCURRENT_MEASURES = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function turn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= CONCURRENT_MEASURES) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * measurePoseTrack's answer, computed on a worker thread: the track's seconds, frames and fps, or the
 * same errors (InvalidRequestError('poses'), InvalidPoseTrack).
 */
export function measurePoseTrackOffThread(
  bytes: Uint8Array,
  options: MeasureOffThreadOptions = {},
): Promise<PoseTrackMeasure> {
  return turn(() => measureOnThread(bytes, options.maxSeconds ?? MAX_REQUEST_SECONDS));
}

async function measureOnThread(bytes: Uint8Array, maxSeconds: number): Promise<PoseTrackMeasure> {
  // A copy the thread can own: a Buffer may be a view into a pool shared with other Buffers.
  const owned = new Uint8Array(bytes);
  const { file, execArgv } = workerScript(__filename, 'pose-track-thread.worker');
  const worker = new Worker(file, {
    workerData: { bytes: owned, maxSeconds } satisfies PoseTrackJob,
    transferList: [owned.buffer],
    ...(execArgv ? { execArgv } : {}),
  });
  const answer = await new Promise<PoseTrackAnswer>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`the pose-track thread exited (code ${code}) without answering`)),
    );
  });
  if ('measure' in answer) return answer.measure;
  if (answer.refused === 'track') throw new InvalidPoseTrack(answer.code, answer.message);
  throw new InvalidRequestError('poses', answer.message.replace(/^poses /, ''));
}
