// generateSoundtrack on a worker thread of its own, for a long-lived process with a large heap (the
// service's worker: NestJS, TypeORM, Bull). A step allocates megabytes of sample arrays; in such a process
// every garbage collection they trigger marks the whole heap, which made a job 7% slower than the same
// generation in a bare process (bench:generate). On its own thread the model and those arrays live in a
// small isolate, as in `loris generate`, and the caller's thread only checks the request and follows
// progress. The request is resolved and its conditions computed on the calling thread by the same
// prepareGeneration as generateSoundtrack's, so bad input throws the same errors and a request gives the
// same bytes. The thread gets the card the caller already parsed, so model.json is parsed once.
import { Worker } from 'node:worker_threads';
import { GenerationCancelledError } from '../inference.errors';
import { readContractCached } from '../model/contract-cache';
import type { LoadedModel, LoadModelOptions } from '../model/load-model';
import type { ModelContract } from '../model/model-contract';
import {
  type GenerateSoundtrackRequest,
  type Soundtrack,
  soundtrackOf,
  type StepProgress,
} from './generate-soundtrack';
import type { ThreadMessage, ThreadRequest, ThreadStart } from './generation-thread.protocol';
import { prepareGeneration } from './prepare-generation';
import { workerScript } from '../threads/worker-script';

export interface ThreadGenerateRequest extends Omit<GenerateSoundtrackRequest, 'model' | 'onStep'> {
  onStep?: (info: StepProgress) => void;
}

interface Pending {
  resolve(audio: Float32Array): void;
  reject(error: Error): void;
  onStep?: (info: StepProgress) => void;
}

export class GenerationThread {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private stopped: Error | undefined;
  private closeOnIdle = false;

  private constructor(
    private readonly worker: Worker,
    readonly dir: string,
    readonly contract: ModelContract,
    /** What the thread's sessions run on, and why a requested provider was dropped (loadModel's). */
    readonly loaded: Pick<LoadedModel, 'executionProviders' | 'providerFallback'>,
  ) {
    worker.on('message', (message: ThreadMessage) => this.receive(message));
    worker.on('error', (error) => this.stop(error));
    worker.on('exit', (code) => this.stop(new Error(`the generation thread exited (code ${code})`)));
    worker.unref();
  }

  /**
   * Starts a thread that loads the model in `dir` (as loadModel does, with its checks); resolves once it is
   * loaded. The card is options.contract, else the cached parse of the directory's model.json; the thread
   * gets it as it is and verifies the ONNX files against it.
   */
  static async start(dir: string, options: LoadModelOptions = {}): Promise<GenerationThread> {
    const contract = options.contract ?? (await readContractCached(dir));
    const { file, execArgv } = workerScript(__filename, 'generation-thread.worker');
    const workerData: ThreadStart = { dir, options: { ...options, contract } };
    const worker = new Worker(file, { workerData, ...(execArgv ? { execArgv } : {}) });
    let loaded: GenerationThread['loaded'] = { executionProviders: [] };
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: ThreadMessage) => {
        if (message.type === 'ready') {
          const { executionProviders, providerFallback } = message;
          loaded = { executionProviders, ...(providerFallback ? { providerFallback } : {}) };
          done();
        } else if (message.type === 'load-failed') done(new Error(message.message));
      };
      const onExit = (code: number) =>
        done(new Error(`the generation thread exited (code ${code}) while loading`));
      const done = (error?: Error) => {
        worker.off('message', onMessage).off('error', done).off('exit', onExit);
        if (error) void worker.terminate().finally(() => reject(error));
        else resolve();
      };
      worker.on('message', onMessage).on('error', done).on('exit', onExit);
    });
    return new GenerationThread(worker, dir, contract, loaded);
  }

  /** False once the thread has stopped (crashed or closed): start another. */
  get alive(): boolean {
    return !this.stopped;
  }

  /** generateSoundtrack's result for the request, computed on the thread; progress per sampler step. */
  async generate(request: ThreadGenerateRequest): Promise<Soundtrack> {
    if (this.stopped) throw this.stopped;
    const { seconds, settings, conditions } = prepareGeneration(this.contract, request);
    if (request.signal?.aborted) throw new GenerationCancelledError(0);
    const id = ++this.nextId;
    const audio = await new Promise<Float32Array>((resolve, reject) => {
      const cancel = () => this.worker.postMessage({ type: 'cancel', id } satisfies ThreadRequest);
      const forget = () => request.signal?.removeEventListener('abort', cancel);
      this.pending.set(id, {
        resolve: (value) => (forget(), resolve(value)),
        reject: (error) => (forget(), reject(error)),
        onStep: request.onStep,
      });
      if (this.pending.size === 1) this.worker.ref();
      request.signal?.addEventListener('abort', cancel, { once: true });
      this.worker.postMessage({ type: 'generate', id, conditions, settings } satisfies ThreadRequest);
    });
    return soundtrackOf(this.contract, settings, seconds, audio);
  }

  /**
   * Ends the thread once no generation is in flight (at once if none is): for a thread whose model was
   * replaced, whose running jobs should still finish.
   */
  closeWhenIdle(): void {
    this.closeOnIdle = true;
    if (this.pending.size === 0) void this.close();
  }

  /** Releases the model and ends the thread; generations in flight fail. */
  async close(): Promise<void> {
    if (this.stopped) return;
    this.stop(new Error('the generation thread was closed'));
    await this.worker.terminate();
  }

  private receive(message: ThreadMessage): void {
    if (message.type === 'ready' || message.type === 'load-failed') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.type === 'step') {
      pending.onStep?.(message.progress);
      return;
    }
    this.settle(message.id);
    if (message.type === 'done') pending.resolve(message.audio);
    else if (message.cancelled) pending.reject(new GenerationCancelledError(message.step));
    else pending.reject(new Error(message.message));
  }

  private settle(id: number): void {
    this.pending.delete(id);
    if (this.pending.size > 0 || this.stopped) return;
    if (this.closeOnIdle) void this.close();
    else this.worker.unref();
  }

  private stop(reason: Error): void {
    this.stopped ??= reason;
    for (const [id, pending] of this.pending) {
      this.settle(id);
      pending.reject(reason);
    }
  }
}
