import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig, BLOB_STORE } from '@loris/engine';
import { GenerationThread, ModelThreads } from '@loris/inference';
import type { BlobStore } from '@loris/storage';
import { cachedModelDir, CachedVersion } from '../models/model-files-cache';
import { ServingModelService } from './serving-model.service';

/** A registry version to serve: the built-in one (from MODEL_DIR), or one whose files are in the blob store. */
export interface ServedVersion extends CachedVersion {
  builtIn: boolean;
}

/**
 * The worker's generation threads, one per model version it serves (see GenerationThread: this process's
 * heap is large). The built-in model is loaded from MODEL_DIR and pinned; registry versions are fetched
 * into WORKER_MODEL_CACHE_DIR on demand and kept in an LRU bounded by WORKER_MODEL_MEMORY_MB. libs/inference's ModelThreads starts it on first use, again after a crash, and anew when the
 * model's card changes, so the worker follows the same model version as the API's requests. The sessions
 * run on WORKER_EXECUTION_PROVIDER; a CUDA worker that ends up on the CPU says so once per thread, since
 * it still works, only slower, and nothing else would tell the operator.
 */
@Injectable()
export class GenerationThreads implements OnApplicationShutdown {
  private readonly logger = new Logger('GenerationThreads');
  private readonly threads: ModelThreads;
  private readonly reported = new WeakSet<GenerationThread>();
  private latest?: GenerationThread;
  private loading?: Promise<boolean>;
  private lastLoadError?: string;
  private closing = false;

  constructor(
    private readonly model: ServingModelService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
  ) {
    this.threads = new ModelThreads({
      executionProviders: [config.worker.executionProvider],
      maxBytes: config.worker.modelMemoryBytes,
    });
  }

  /** The thread of `version`; the built-in model's when none is given. */
  async get(version?: ServedVersion): Promise<GenerationThread> {
    if (version && !version.builtIn) {
      const dir = await cachedModelDir(
        this.store,
        this.config.worker.modelCacheDir,
        version,
        this.config.worker.modelCacheBytes,
      );
      const thread = await this.threads.get(dir);
      this.reportOnce(thread);
      return thread;
    }
    const thread = await this.threads.get(this.model.dir, { pinned: true });
    this.latest = thread;
    this.reportOnce(thread);
    return thread;
  }

  private reportOnce(thread: GenerationThread): void {
    if (!this.reported.has(thread)) {
      this.reported.add(thread);
      this.report(thread);
    }
  }

  /** Whether the built-in model is loaded: its thread has opened the ONNX sessions and is alive (worker readiness). */
  get modelLoaded(): boolean {
    return this.latest?.alive === true;
  }

  /**
   * Loads the serving model now rather than on the first job: at worker start, and again from the worker's
   * readiness check while it is not loaded (a failed load, a crashed thread). One load at a time; resolves
   * whether it loaded, and logs why not (once per distinct reason).
   */
  preload(): Promise<boolean> {
    if (this.closing) return Promise.resolve(false);
    this.loading ??= this.get()
      .then(
        () => {
          this.lastLoadError = undefined;
          return true;
        },
        (error: Error) => {
          if (error.message !== this.lastLoadError)
            this.logger.error(`serving model not loaded: ${error.message}`);
          this.lastLoadError = error.message;
          return false;
        },
      )
      .finally(() => (this.loading = undefined));
    return this.loading;
  }

  async onApplicationShutdown(): Promise<void> {
    // A load still in progress would start its thread after close() and keep the process alive: let it end.
    this.closing = true;
    await this.loading;
    await this.threads.close();
  }

  private report(thread: GenerationThread): void {
    const { executionProviders, providerFallback } = thread.loaded;
    const version = `${thread.contract.name} ${thread.contract.version}`;
    if (providerFallback) {
      this.logger.warn(
        `model ${version} runs on the CPU, not CUDA as WORKER_EXECUTION_PROVIDER asks: ${providerFallback}`,
      );
    } else {
      this.logger.log(`model ${version} loaded on ${executionProviders.join(', ')}`);
    }
  }
}
