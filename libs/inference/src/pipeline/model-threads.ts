// One started GenerationThread per model directory, for a long-lived process (the service's worker): the
// thread is started on first use, started again after a failed start or a crash, and replaced when the
// directory's model.json changes (the old one finishes its jobs, then closes). The model version is the
// sha256 of model.json, which lists every ONNX file's sha256, as the card cache keys it.
import { readModelCard } from '../model/contract-cache';
import type { LoadModelOptions } from '../model/load-model';
import type { ModelContract } from '../model/model-contract';
import { GenerationThread } from './generation-thread';

interface Entry {
  /** sha256 of the model.json the thread was started with. */
  sha256: string;
  thread: Promise<GenerationThread>;
}

export class ModelThreads {
  private readonly entries = new Map<string, Entry>();

  /** `options` are loadModel's for every thread (the card comes from the directory). */
  constructor(private readonly options: Omit<LoadModelOptions, 'contract'> = {}) {}

  /**
   * A started thread for the model now in `dir`. Concurrent callers share one start; a start that fails
   * rejects them all and is tried afresh by the next call.
   */
  async get(dir: string): Promise<GenerationThread> {
    const card = await readModelCard(dir);
    let entry = this.entries.get(dir);
    if (entry?.sha256 !== card.sha256) {
      if (entry) retire(entry);
      entry = this.start(dir, card.sha256, card.contract);
    }
    const thread = await entry.thread;
    const current = this.entries.get(dir);
    if (thread.alive && current === entry) return thread;
    // Replaced while it started (a newer model.json, a restart by another caller): take the new one.
    if (current && current !== entry) return current.thread;
    // It crashed or was closed since it started: start another.
    return this.start(dir, card.sha256, card.contract).thread;
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

  private start(dir: string, sha256: string, contract: ModelContract): Entry {
    const entry: Entry = {
      sha256,
      thread: GenerationThread.start(dir, { ...this.options, contract }),
    };
    this.entries.set(dir, entry);
    entry.thread.catch(() => {
      if (this.entries.get(dir) === entry) this.entries.delete(dir);
    });
    return entry;
  }
}

/** Lets a replaced thread finish what it runs, then closes it. */
function retire(entry: Entry): void {
  entry.thread.then(
    (thread) => thread.closeWhenIdle(),
    () => undefined,
  );
}
