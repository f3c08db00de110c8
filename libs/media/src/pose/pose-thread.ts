// Worker-thread side of the pose pool: one MoveNet estimator (its own TensorFlow.js wasm instance) that
// estimates the windows the pool sends, one at a time, reporting progress and answering cancellations.
import { parentPort } from 'worker_threads';
import { MediaError } from '../media.errors';
import { PoseEstimator } from './pose-estimator';
import type { MoveNetVariant } from './pose.types';
import {
  PROGRESS_EVERY,
  STOP_THREAD,
  type PoseThreadReply,
  type PoseThreadRequest,
} from './pose-thread.protocol';

const port = parentPort;
if (!port) throw new Error('pose-thread runs as a worker thread of the pose pool');

const estimators = new Map<MoveNetVariant, Promise<PoseEstimator>>();
const running = new Map<number, AbortController>();

function estimator(model: MoveNetVariant): Promise<PoseEstimator> {
  let loaded = estimators.get(model);
  if (!loaded) {
    loaded = PoseEstimator.load({ model });
    estimators.set(model, loaded);
    loaded.catch(() => estimators.delete(model));
  }
  return loaded;
}

async function estimate(request: Extract<PoseThreadRequest, { kind: 'estimate' }>): Promise<PoseThreadReply> {
  const { id, path, model, fps, startSeconds, durationSeconds } = request;
  const abort = new AbortController();
  running.set(id, abort);
  try {
    const result = await (
      await estimator(model)
    ).estimate(path, {
      fps,
      startSeconds,
      durationSeconds,
      minPersonRatio: 0, // judged by the pool over the whole window, not per part
      signal: abort.signal,
      onProgress: ({ done }) => {
        if (done % PROGRESS_EVERY === 0)
          port!.postMessage({ id, kind: 'progress', done } satisfies PoseThreadReply);
      },
    });
    return { id, kind: 'done', result };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof MediaError) {
      const { name, code } = error;
      const tool = 'tool' in error ? String(error.tool) : undefined;
      return { id, kind: 'failed', error: { name, code, message, tool } };
    }
    return { id, kind: 'failed', error: { name: 'Error', message } };
  } finally {
    running.delete(id);
  }
}

port.on('message', (request: PoseThreadRequest | typeof STOP_THREAD) => {
  if (request === STOP_THREAD) {
    for (const loaded of estimators.values()) void loaded.then((e) => e.dispose()).catch(() => undefined);
    return port.close(); // the pool is done with this thread: let it end on its own
  }
  if (request.kind === 'cancel') return running.get(request.id)?.abort();
  void estimate(request).then((reply) => port.postMessage(reply));
});
