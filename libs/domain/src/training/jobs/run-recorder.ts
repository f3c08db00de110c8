import { Logger } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { TrainingRunStatus } from '@loris/db';
import { BlobStore } from '@loris/storage';
import type { TrainerEvent, TrainingBackendRef, TrainingRunSink } from '../runners/training-runner';
import { RecordedStatus, TrainingEventsService } from '../training-events.service';

/** Points and log lines are written at most this often (and at every checkpoint and at the end). */
const FLUSH_MS = 1000;
/** ...or once this many events wait. */
const FLUSH_EVENTS = 200;

/**
 * The LOCAL runner's sink: batches the trainer's points and log lines into TrainingEventsService writes
 * (one transaction a second, not one per step, so recording costs the run next to nothing), stores each
 * checkpoint file in the blob store and records it on the run, and calls `onCancelling` when a write finds
 * the run CANCELLING (the cancel's Redis message may have been missed).
 */
export class RunRecorder implements TrainingRunSink {
  private readonly logger = new Logger('TrainingRunRecorder');
  private events: TrainerEvent[] = [];
  private lines: string[] = [];
  private lastFlush = Date.now();
  private writing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly tenantId: string,
    private readonly runId: string,
    private readonly recorder: TrainingEventsService,
    private readonly store: BlobStore,
    private readonly onCancelling: () => void,
  ) {
    // Trailing points of a quiet stretch still reach the page within a second or two.
    this.timer = setInterval(() => void this.flush().catch(() => undefined), FLUSH_MS);
  }

  async event(event: TrainerEvent): Promise<void> {
    if (event.event === 'checkpoint') {
      await this.flush();
      const stored = await this.store.put(createReadStream(event.path));
      this.observe(
        await this.recorder.recordCheckpoint(this.tenantId, this.runId, stored.sha256, event.step),
      );
      return;
    }
    this.events.push(event);
    if (event.event !== 'step' && event.event !== 'val') await this.flush();
    else await this.maybeFlush();
  }

  async log(lines: string[]): Promise<void> {
    this.lines.push(...lines);
    await this.maybeFlush();
  }

  setBackendRef(ref: TrainingBackendRef, reportTokenHash: string): Promise<void> {
    return this.recorder.setBackendRef(this.tenantId, this.runId, ref, reportTokenHash);
  }

  /** Writes whatever waits; errors reach the caller (the runner fails the run on them). */
  flush(): Promise<void> {
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        if (!this.events.length && !this.lines.length) return;
        const events = this.events;
        const lines = this.lines;
        this.events = [];
        this.lines = [];
        this.lastFlush = Date.now();
        this.observe(await this.recorder.record(this.tenantId, this.runId, events, lines));
      });
    return this.writing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush().catch((error: Error) =>
      this.logger.warn(`last points of run ${this.runId} not saved: ${error.message}`),
    );
  }

  private maybeFlush(): Promise<void> {
    if (Date.now() - this.lastFlush >= FLUSH_MS || this.events.length + this.lines.length >= FLUSH_EVENTS) {
      return this.flush();
    }
    return Promise.resolve();
  }

  private observe(status: RecordedStatus): void {
    if (status === TrainingRunStatus.CANCELLING) this.onCancelling();
  }
}
