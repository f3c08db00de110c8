import { join } from 'path';
import { setFlagsFromString } from 'v8';
import { Worker } from 'worker_threads';
import {
  InvalidMedia,
  InvalidMediaOption,
  MediaCancelled,
  MediaToolFailed,
  PoseModelUnavailable,
  type InvalidMediaCode,
} from '../media.errors';
import {
  STOP_THREAD,
  type PoseThreadReply,
  type PoseThreadRequest,
  type SentError,
} from './pose-thread.protocol';
import type { MoveNetVariant, PoseEstimation } from './pose.types';

/** One contiguous part of a window, in whole pose frames of the requested rate. */
export interface PoseWindowPart {
  startSeconds: number;
  /** Undefined for a last part that runs to the end of the video, as the whole window did. */
  durationSeconds: number | undefined;
  frames: number;
}

/**
 * A part shorter than this is not worth a thread of its own: each part starts its own ffmpeg and begins
 * with a full-frame look before the tracking crop settles on the dancer.
 */
export const MIN_PART_SECONDS = 5;

/**
 * Splits `frames` pose frames starting at `startSeconds` into at most `parts` contiguous parts of nearly
 * equal length, each at least MIN_PART_SECONDS long, cut on frame boundaries so that the parts' frames,
 * put end to end, fall where one decode of the whole window would put them.
 */
export function planPoseWindow(
  startSeconds: number,
  frames: number,
  fps: number,
  parts: number,
  toEnd: boolean,
): PoseWindowPart[] {
  const count = Math.max(1, Math.min(Math.floor(parts), Math.floor(frames / (MIN_PART_SECONDS * fps))));
  const plan: PoseWindowPart[] = [];
  for (let i = 0; i < count; i++) {
    const first = Math.round((i * frames) / count);
    const end = Math.round(((i + 1) * frames) / count);
    const last = i === count - 1;
    plan.push({
      startSeconds: startSeconds + first / fps,
      durationSeconds: last && toEnd ? undefined : (end - first) / fps,
      frames: end - first,
    });
  }
  return plan;
}

interface Task {
  request: Extract<PoseThreadRequest, { kind: 'estimate' }>;
  onProgress: (done: number) => void;
  resolve: (result: PoseEstimation) => void;
  reject: (error: Error) => void;
}

/**
 * How long a thread told to stop may take to exit on its own before it is terminated. Not terminate()
 * first: stopping an isolate from outside while it still works aborted Node 20 processes in the CLI's
 * clip pool (apps/cli/src/analysis/clip-pool.ts tells that story).
 */
const STOP_GRACE_MS = 5_000;

/**
 * MoveNet on TensorFlow.js's wasm backend uses one core, and the backend is process-wide, so one process
 * estimates one frame at a time however many ingests it runs. The pool runs estimators in worker threads
 * (one wasm instance each), so a window split into parts, or two videos at once, keep every core busy.
 *
 * Threads start on first use and stay for the next window; they hold the process open only while they
 * work. Parts queue in order of arrival, so two windows share the threads instead of one waiting for the
 * other's whole length.
 */
export class PosePool {
  private readonly threads: { worker: Worker; task: Task | null }[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;

  constructor(readonly size: number) {}

  /** Estimates one part in a thread; rejects with the same libs/media error the thread met. */
  estimate(
    path: string,
    model: MoveNetVariant,
    fps: number,
    part: PoseWindowPart,
    onProgress: (done: number) => void,
    signal?: AbortSignal,
  ): Promise<PoseEstimation> {
    if (signal?.aborted) return Promise.reject(new MediaCancelled());
    const request = {
      kind: 'estimate' as const,
      id: this.nextId++,
      path,
      model,
      fps,
      startSeconds: part.startSeconds,
      durationSeconds: part.durationSeconds,
    };
    return new Promise<PoseEstimation>((resolve, reject) => {
      const cancel = () => {
        const queued = this.queue.indexOf(task);
        if (queued >= 0) {
          this.queue.splice(queued, 1);
          task.reject(new MediaCancelled());
        }
        const running = this.threads.find((thread) => thread.task === task);
        running?.worker.postMessage({ kind: 'cancel', id: request.id } satisfies PoseThreadRequest);
      };
      const task: Task = {
        request,
        onProgress,
        resolve: (result) => {
          signal?.removeEventListener('abort', cancel);
          resolve(result);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', cancel);
          reject(error);
        },
      };
      signal?.addEventListener('abort', cancel, { once: true });
      this.queue.push(task);
      this.dispatch();
    });
  }

  /** Asks every thread to finish and waits until each has exited (for tests and orderly shutdowns). */
  async close(): Promise<void> {
    const threads = this.threads.splice(0);
    await Promise.all(threads.map(({ worker }) => stopThread(worker)));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let thread = this.threads.find((candidate) => candidate.task === null);
      if (!thread && this.threads.length < this.size) thread = this.startThread();
      if (!thread) return;
      const task = this.queue.shift()!;
      thread.task = task;
      thread.worker.ref();
      thread.worker.postMessage(task.request);
    }
  }

  private startThread(): { worker: Worker; task: Task | null } {
    withoutBackgroundCompilation();
    const thread = { worker: startWorker(), task: null as Task | null };
    thread.worker.on('message', (reply: PoseThreadReply) => {
      const task = thread.task;
      if (!task || reply.id !== task.request.id) return;
      if (reply.kind === 'progress') return task.onProgress(reply.done);
      thread.task = null;
      thread.worker.unref();
      if (reply.kind === 'done') task.resolve(reply.result);
      else task.reject(rebuild(reply.error));
      this.dispatch();
    });
    const lost = (why: string) => {
      const index = this.threads.indexOf(thread);
      if (index >= 0) this.threads.splice(index, 1);
      thread.task?.reject(new PoseModelUnavailable(`A pose estimation thread stopped (${why}).`));
      thread.task = null;
      this.dispatch();
    };
    thread.worker.on('error', (error) => lost(error.message));
    thread.worker.on('exit', (code) => lost(`exit code ${code}`));
    thread.worker.unref();
    this.threads.push(thread);
    return thread;
  }
}

/**
 * How a worker thread loads pose-thread: from the TypeScript sources through the `loris` command's loader
 * when this module runs as .ts (tests, benches, the CLI), or the compiled .js next to it in dist/.
 */
function startWorker(): Worker {
  if (__filename.endsWith('.ts')) {
    const loader = join(__dirname, '..', '..', '..', '..', 'tools', 'bin', 'loris.js');
    const boot =
      "const { workerData } = require('worker_threads');" +
      'require(workerData.loader).registerTypeScript();' +
      'require(workerData.entry);';
    return new Worker(boot, { eval: true, workerData: { loader, entry: join(__dirname, 'pose-thread.ts') } });
  }
  return new Worker(join(__dirname, 'pose-thread.js'));
}

/**
 * No TurboFan jobs on background threads for isolates started from here on: a worker thread exiting while
 * one ran could deadlock Node 20 (found with gdb in the CLI's clip pool, whose comment has the details).
 * V8 flags are process-wide and read when an isolate starts, so this is set before each thread starts.
 */
function withoutBackgroundCompilation(): void {
  setFlagsFromString('--no-concurrent-recompilation');
}

function stopThread(worker: Worker): Promise<void> {
  if (worker.threadId === -1) return Promise.resolve();
  return new Promise((resolve) => {
    const stuck = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
    worker.once('exit', () => {
      clearTimeout(stuck);
      resolve();
    });
    worker.ref();
    worker.postMessage(STOP_THREAD);
  });
}

function rebuild(error: SentError): Error {
  switch (error.name) {
    case 'InvalidMedia':
      return new InvalidMedia(error.code as InvalidMediaCode, error.message);
    case 'MediaCancelled':
      return new MediaCancelled();
    case 'MediaToolFailed':
      return new MediaToolFailed(error.tool ?? 'ffmpeg', error.message);
    case 'InvalidMediaOption':
      return new InvalidMediaOption(error.message);
    case 'PoseModelUnavailable':
      return new PoseModelUnavailable(error.message);
    default:
      return new Error(error.message);
  }
}
