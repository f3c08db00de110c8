// The worker script of GenerationThread: loads the model with the card GenerationThread.start parsed (so
// model.json is not parsed again here; the ONNX files are still verified), then renders each request's
// conditions with the same code as generateSoundtrack, posting progress per step and the audio
// (transferred) at the end.
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { GenerationCancelledError } from '../inference.errors';
import { loadModel, type LoadedModel } from '../model/load-model';
import { renderConditions } from './generate-soundtrack';
import type { ThreadMessage, ThreadRequest, ThreadStart } from './generation-thread.protocol';

function ownerPort(): MessagePort {
  if (!parentPort) throw new Error('generation-thread.worker runs as a worker thread of GenerationThread');
  return parentPort;
}
const port = ownerPort();
const post = (message: ThreadMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const running = new Map<number, AbortController>();

async function render(model: LoadedModel, request: Extract<ThreadRequest, { type: 'generate' }>) {
  const controller = new AbortController();
  running.set(request.id, controller);
  try {
    const audio = await renderConditions(model, request.conditions, request.settings, {
      signal: controller.signal,
      onStep: ({ step, steps, sigma, sigmaNext, window, windows }) =>
        post({ type: 'step', id: request.id, progress: { step, steps, sigma, sigmaNext, window, windows } }),
    });
    post({ type: 'done', id: request.id, audio }, [audio.buffer as ArrayBuffer]);
  } catch (error) {
    const cancelled = error instanceof GenerationCancelledError;
    post({
      type: 'failed',
      id: request.id,
      cancelled,
      step: cancelled ? error.step : 0,
      message: (error as Error).stack ?? String(error),
    });
  } finally {
    running.delete(request.id);
  }
}

async function main(): Promise<void> {
  const { dir, options } = workerData as ThreadStart;
  let model: LoadedModel;
  try {
    model = await loadModel(dir, options);
  } catch (error) {
    post({ type: 'load-failed', message: (error as Error).message });
    return;
  }
  port.on('message', (request: ThreadRequest) => {
    if (request.type === 'cancel') running.get(request.id)?.abort();
    else void render(model, request);
  });
  const { executionProviders, providerFallback } = model;
  post({ type: 'ready', executionProviders, ...(providerFallback ? { providerFallback } : {}) });
}

void main();
