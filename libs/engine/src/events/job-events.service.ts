import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis.module';
import { subscriberConnection } from '../redis/subscriber-connection';

type Listener = (message: string) => void;

/** A stream of one job's updates, in the order they were published. */
export interface JobUpdates<T> {
  /** The next update, waiting for one if none is pending; null once closed. */
  next(): Promise<T | null>;
  close(): Promise<void>;
}

/**
 * The job events channel, over Redis pub/sub, with one channel per direction so that no process reads
 * its own messages: a worker publishes a job's updates (progress, state) for the API's subscriptions, and
 * the API publishes a cancellation that only the job's worker listens to. `topic` names the kind of job
 * (e.g. "soundtrack-job"). Pub/sub does not redeliver: a handler also notices a cancellation from its row.
 */
@Injectable()
export class JobEvents implements OnApplicationShutdown {
  private subscriber?: Redis;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  updatesChannel(topic: string, jobId: string): string {
    return `${this.config.redis.keyPrefix}:${topic}:${jobId}:updates`;
  }

  private cancelChannel(topic: string, jobId: string): string {
    return `${this.config.redis.keyPrefix}:${topic}:${jobId}:cancel`;
  }

  /** Publishes an update (as JSON); a Redis failure rejects, and callers decide whether it matters. */
  async publishUpdate(topic: string, jobId: string, update: unknown): Promise<void> {
    await this.redis.publish(this.updatesChannel(topic, jobId), JSON.stringify(update));
  }

  /** Subscribes to the job's updates now (so none published after this resolves is missed). */
  async followUpdates<T>(topic: string, jobId: string, parse: (json: string) => T): Promise<JobUpdates<T>> {
    const channel = this.updatesChannel(topic, jobId);
    const pending: string[] = [];
    let wake: (() => void) | undefined;
    let closed = false;
    const listener: Listener = (message) => {
      pending.push(message);
      wake?.();
    };
    await this.listen(channel, listener);
    return {
      next: async () => {
        while (!pending.length && !closed) await new Promise<void>((resolve) => (wake = resolve));
        const message = pending.shift();
        return message === undefined ? null : parse(message);
      },
      close: () => {
        closed = true;
        wake?.();
        return this.unlisten(channel, listener);
      },
    };
  }

  /** Asks the worker running the job to stop it. */
  async requestCancel(topic: string, jobId: string): Promise<void> {
    await this.redis.publish(this.cancelChannel(topic, jobId), 'cancel');
  }

  /** Calls `onCancel` when a cancellation of the job is requested; resolves with the unsubscribe. */
  async onCancel(topic: string, jobId: string, onCancel: () => void): Promise<() => Promise<void>> {
    const channel = this.cancelChannel(topic, jobId);
    const listener: Listener = () => onCancel();
    await this.listen(channel, listener);
    return () => this.unlisten(channel, listener);
  }

  private async listen(channel: string, listener: Listener): Promise<void> {
    if (!this.subscriber) {
      // A connection of its own: a subscribed ioredis client can run no other command.
      this.subscriber = subscriberConnection(this.config.redis.url);
      this.subscriber.on('message', (from: string, message: string) =>
        this.listeners.get(from)?.forEach((l) => l(message)),
      );
    }
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      try {
        await this.subscriber.subscribe(channel);
      } catch (error) {
        // Not subscribed: the next listener of this channel must try again, not find it taken.
        this.listeners.delete(channel);
        throw error;
      }
    }
    set.add(listener);
  }

  private async unlisten(channel: string, listener: Listener): Promise<void> {
    const set = this.listeners.get(channel);
    set?.delete(listener);
    if (set && set.size === 0) {
      this.listeners.delete(channel);
      await this.subscriber?.unsubscribe(channel).catch(() => undefined);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscriber?.disconnect();
  }
}
