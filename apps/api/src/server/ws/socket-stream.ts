import { AppError } from '@loris/engine';

/**
 * A running subscription's event stream that can be ended from outside with an AppError: the next read
 * rejects with it (graphql-ws then sends the client an `error` message carrying its code), even while
 * the read is waiting for an event that may never come. A hand-written iterator rather than an async
 * generator: a generator's return() waits for its pending await, so a client's `complete` would hang.
 */
export class EndableStream<T> implements AsyncIterableIterator<T> {
  private ending?: AppError;
  private wake?: (error: AppError) => void;
  private finished = false;

  constructor(
    private readonly source: AsyncIterator<T>,
    private readonly onFinish: () => void,
  ) {}

  end(error: AppError): void {
    if (this.finished || this.ending) return;
    this.ending = error;
    this.wake?.(error);
  }

  async next(): Promise<IteratorResult<T>> {
    if (this.ending) return this.fail(this.ending);
    if (this.finished) return { done: true, value: undefined };
    const step = await new Promise<IteratorResult<T> | AppError>((resolve, reject) => {
      this.wake = resolve;
      this.source.next().then(resolve, reject);
    }).finally(() => (this.wake = undefined));
    if (step instanceof AppError) return this.fail(step);
    if (step.done) this.finish();
    return step;
  }

  async return(value?: unknown): Promise<IteratorResult<T>> {
    this.finish();
    await this.source.return?.(value);
    return { done: true, value: undefined };
  }

  async throw(error?: unknown): Promise<IteratorResult<T>> {
    this.finish();
    if (this.source.throw) return this.source.throw(error);
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private fail(error: AppError): never {
    this.finish();
    // The source's own clean-up (unsubscribing from Redis); nobody waits on it.
    this.source.return?.().catch(() => undefined);
    throw error;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.onFinish();
  }
}
