import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../../engine/config/app-config';
import { jobChannel } from './soundtrack-queue';

type Listener = (message: string) => void;

export interface JobMessages {
  /** The next message, waiting for one if none is pending; null once closed. */
  next(): Promise<string | null>;
  close(): Promise<void>;
}

/**
 * Job updates over Redis pub/sub: the worker publishes every sampler step, the API's subscriptions
 * listen. One subscriber connection per process, fanned out to the listeners of each channel.
 */
@Injectable()
export class SoundtrackEvents implements OnApplicationShutdown {
  private subscriber?: Redis;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  channel(jobId: string): string {
    return jobChannel(this.config.redis.keyPrefix, jobId);
  }

  /** Subscribes to the job's channel now; read with next(), and close() when done. */
  async open(jobId: string): Promise<JobMessages> {
    const channel = this.channel(jobId);
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
        return pending.shift() ?? null;
      },
      close: () => {
        closed = true;
        wake?.();
        return this.unlisten(channel, listener);
      },
    };
  }

  private async listen(channel: string, listener: Listener): Promise<void> {
    if (!this.subscriber) {
      this.subscriber = new Redis(this.config.redis.url, { maxRetriesPerRequest: 1 });
      this.subscriber.on('message', (from: string, message: string) =>
        this.listeners.get(from)?.forEach((l) => l(message)),
      );
    }
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      await this.subscriber.subscribe(channel);
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
