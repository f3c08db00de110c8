// One started GenerationThread per model directory, for a long-lived process (the service's worker): the
// thread is started on first use, started again after a failed start or a crash, and replaced when the
// directory's model.json changes (the old one finishes its jobs, then closes). The model version is the
// sha256 of model.json, which lists every ONNX file's sha256, as the card cache keys it. With a memory
// bound, the threads form an LRU: past the bound, the least recently used unpinned ones are retired (they
// finish their generations, then close), so a worker serving many registry versions keeps only the ones
// in use.
import { readModelCard } from '../model/contract-cache';
import type { LoadModelOptions } from '../model/load-model';
import type { ModelContract } from '../model/model-contract';
import { GenerationThread } from './generation-thread';

interface Entry {
  /** sha256 of the model.json the thread was started with. */
  sha256: string;
  thread: Promise<GenerationThread>;
  /** What the thread is estimated to hold in memory (estimateModelMemory). */
  bytes: number;
  /** Never evicted (the shipped default, which every tenant falls back to). */
  pinned: boolean;
}

export interface ModelThreadsOptions extends Omit<LoadModelOptions, 'contract'> {
  /** Estimated bytes the unpinned threads may hold together; unbounded when left out. */
  maxBytes?: number;
}

/** Extra memory a thread costs beyond its weights: its isolate, onnxruntime's arenas, the step buffers. */
const THREAD_OVERHEAD_BYTES = 64 * 1024 * 1024;

/**
 * What a loaded model is estimated to hold: its weights twice (onnxruntime keeps the initialisers and the
 * optimised graph's copy of them) plus a thread's overhead. An estimate to bound a cache by, not a measure.
 */
export function estimateModelMemory(contract: ModelContract): number {
  const { conditioner, denoiser } = contract.files;
  const weights = [conditioner, denoiser].reduce(
    (sum, file) => sum + file.bytes + (file.externalData?.bytes ?? 0),
    0,
  );
  return 2 * weights + THREAD_OVERHEAD_BYTES;
}

export class ModelThreads {
  // A Map keeps insertion order: moving an entry to the end on every use makes the first the least recent.
  private readonly entries = new Map<string, Entry>();
  private readonly options: Omit<LoadModelOptions, 'contract'>;
  private readonly maxBytes: number;

  /** `options` are loadModel's for every thread (the card comes from the directory), and the memory bound. */
  constructor({ maxBytes, ...options }: ModelThreadsOptions = {}) {
    this.options = options;
    this.maxBytes = maxBytes ?? Number.POSITIVE_INFINITY;
  }

  /** The model directories with a thread started or starting, least recently used first. */
  get loadedDirs(): string[] {
    return [...this.entries.keys()];
  }

  /**
   * A started thread for the model now in `dir`. Concurrent callers share one start; a start that fails
   * rejects them all and is tried afresh by the next call. `pinned` keeps it out of the LRU's evictions.
   */
  async get(dir: string, { pinned = false }: { pinned?: boolean } = {}): Promise<GenerationThread> {
    const card = await readModelCard(dir);
    let entry = this.entries.get(dir);
    if (entry?.sha256 !== card.sha256) {
      if (entry) retire(entry);
      entry = this.start(dir, card.sha256, card.contract, pinned);
    } else {
      this.entries.delete(dir);
      this.entries.set(dir, entry);
    }
    const thread = await entry.thread;
    const current = this.entries.get(dir);
    if (thread.alive && current === entry) return thread;
    // Replaced while it started (a newer model.json, a restart by another caller): take the new one.
    if (current && current !== entry) return current.thread;
    // It crashed or was closed since it started: start another.
    return this.start(dir, card.sha256, card.contract, pinned).thread;
  }

  /** Closes every thread; generations in flight fail. */
  async close(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(
      entries.map((entry) =>
        entry.thread.then(
          (thread) => thread.close(),
          () => undefined,
        ),
      ),
    );
  }

  private start(dir: string, sha256: string, contract: ModelContract, pinned: boolean): Entry {
    const entry: Entry = {
      sha256,
      thread: GenerationThread.start(dir, { ...this.options, contract }),
      bytes: estimateModelMemory(contract),
      pinned,
    };
    this.entries.delete(dir);
    this.entries.set(dir, entry);
    entry.thread.catch(() => {
      if (this.entries.get(dir) === entry) this.entries.delete(dir);
    });
    this.evict(dir);
    return entry;
  }

  /** Retires the least recently used unpinned threads until the rest fit, never the one just asked for. */
  private evict(keep: string): void {
    let total = 0;
    for (const entry of this.entries.values()) if (!entry.pinned) total += entry.bytes;
    for (const [dir, entry] of this.entries) {
      if (total <= this.maxBytes) return;
      if (dir === keep || entry.pinned) continue;
      this.entries.delete(dir);
      retire(entry);
      total -= entry.bytes;
    }
  }
}

/** Lets a replaced thread finish what it runs, then closes it. */
function retire(entry: Entry): void {
  entry.thread.then(
    (thread) => thread.closeWhenIdle(),
    () => undefined,
  );
}
