import { availableParallelism } from 'os';
import { setFlagsFromString } from 'v8';
import { join } from 'path';
import { Worker } from 'worker_threads';
import { CliError } from '../cli.error';
import { analyzeClip, type ClipOnsets } from './clip-onsets';

export interface ClipRequest {
  id: number;
  path: string;
}

/** Sent instead of a ClipRequest: the worker closes its port and exits once its event loop is empty. */
export const STOP = null;

export type ClipReply =
  | { id: number; result: ClipOnsets }
  | { id: number; error: { code?: string; message: string; file: string } };

export interface ClipPoolOptions {
  /** Worker threads; default: the machine's available parallelism. 1 analyses in this thread. */
  threads?: number;
}

/** How long a worker told to stop may take to exit on its own before it is terminated. */
const STOP_GRACE_MS = 5_000;

/** Below this many clips, starting workers (each loads the libs) costs more than it saves. */
const MIN_CLIPS_PER_WORKER = 4;

/**
 * How a worker thread loads clip-worker: from the TypeScript sources through the `loris` command's
 * loader when this module runs as .ts (npx loris, the bench), or the compiled .js next to it in dist/.
 */
function startWorker(): Worker {
  if (__filename.endsWith('.ts')) {
    const loader = join(__dirname, '..', '..', '..', '..', 'tools', 'bin', 'loris.js');
    const boot =
      "const { workerData } = require('worker_threads');" +
      'require(workerData.loader).registerTypeScript();' +
      'require(workerData.entry);';
    return new Worker(boot, { eval: true, workerData: { loader, entry: join(__dirname, 'clip-worker.ts') } });
  }
  return new Worker(join(__dirname, 'clip-worker.js'));
}

function toError(reply: Extract<ClipReply, { error: unknown }>): Error {
  const { code, message, file } = reply.error;
  return code ? new CliError(code, message, file) : new Error(`${file}: ${message}`);
}

/**
 * Onsets of many WAV files, spread over worker threads (each clip is independent, and onset detection
 * is all CPU). Results come back keyed by path; the first failure rejects, naming its file.
 */
export async function analyzeClips(
  paths: readonly string[],
  options: ClipPoolOptions = {},
): Promise<Map<string, ClipOnsets>> {
  const unique = [...new Set(paths)];
  const threads = Math.max(
    1,
    Math.min(options.threads ?? availableParallelism(), Math.floor(unique.length / MIN_CLIPS_PER_WORKER)),
  );
  const results = new Map<string, ClipOnsets>();
  if (threads === 1) {
    for (const path of unique) results.set(path, analyzeClip(path));
    return results;
  }
  withoutBackgroundCompilation();
  const workers = Array.from({ length: threads }, startWorker);
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let done = 0;
      const send = (worker: Worker): void => {
        if (next < unique.length)
          worker.postMessage({ id: next, path: unique[next++] } satisfies ClipRequest);
      };
      for (const worker of workers) {
        worker.on('message', (reply: ClipReply) => {
          if ('error' in reply) return reject(toError(reply));
          results.set(unique[reply.id], reply.result);
          if (++done === unique.length) resolve();
          else send(worker);
        });
        worker.on('error', reject);
        send(worker);
      }
    });
  } finally {
    await Promise.all(workers.map(stopWorker));
  }
  return results;
}

/**
 * Turns off V8's concurrent recompilation for the isolates created from here on (V8 flags are process-wide;
 * a worker's isolate reads them when it starts). A worker thread exiting while TurboFan still compiled its
 * hot code in the background could deadlock in Node 20: the worker waited in NodePlatform::DrainTasks for
 * the compile job, and the job waited (CollectionBarrier::AwaitCollectionBackground) for a garbage
 * collection only the worker's own thread could run. gdb showed exactly that on a hung `loris metrics
 * --threads 2`, 1 run in about 300 on a loaded machine, printing nothing. Compiling on the worker's own
 * thread costs these short analyses nothing measurable, and leaves no background job to wait for.
 */
function withoutBackgroundCompilation(): void {
  setFlagsFromString('--no-concurrent-recompilation');
}

/**
 * Asks a worker to finish (after the clip it may be analysing) and waits until it has exited on its own.
 * Not terminate(): stopping a worker's isolate while V8 still compiles its hot code on a background thread
 * aborted the whole process in Node 20 (`Assertion failed: (data.first) != nullptr` in
 * NodePlatform::ForIsolate), 3 in 100 runs of `loris metrics --threads 2` on a busy machine.
 */
function stopWorker(worker: Worker): Promise<void> {
  if (worker.threadId === -1) return Promise.resolve(); // exited already (an 'error' does that)
  return new Promise((resolve) => {
    // A worker whose event loop never empties (something a preloaded module left open) is terminated.
    const stuck = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
    worker.once('exit', () => {
      clearTimeout(stuck);
      resolve();
    });
    worker.postMessage(STOP);
  });
}
