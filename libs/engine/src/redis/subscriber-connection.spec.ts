import Redis from 'ioredis';
import { subscriberConnection } from './subscriber-connection';

// The shared Redis of the machine (tests read it from REDIS_URL like the apps, default local).
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('subscriberConnection', () => {
  it('subscribes at the moment the socket is up without an error from the handshake', async () => {
    // Before, 47 of 50 connections subscribing on 'connect' emitted "Connection in subscriber mode, only
    // subscriber commands may be used" from ioredis's own ready check.
    const errors: string[] = [];
    for (let i = 0; i < 20; i++) {
      const subscriber = subscriberConnection(url);
      subscriber.on('error', (error: Error) => errors.push(error.message));
      try {
        await new Promise((resolve) => subscriber.once('connect', resolve));
        await subscriber.subscribe(`loris-subscriber-spec-${process.pid}-${i}`);
      } finally {
        subscriber.disconnect();
      }
    }
    expect(errors).toEqual([]);
  });

  it('delivers what is published once subscribed', async () => {
    const subscriber = subscriberConnection(url);
    const publisher = new Redis(url, { maxRetriesPerRequest: 1 });
    const channel = `loris-subscriber-spec-${process.pid}-delivery`;
    try {
      const received = new Promise<string>((resolve) =>
        subscriber.on('message', (from: string, message: string) => from === channel && resolve(message)),
      );
      await subscriber.subscribe(channel);
      await publisher.publish(channel, 'hello');
      await expect(received).resolves.toBe('hello');
    } finally {
      subscriber.disconnect();
      publisher.disconnect();
    }
  });
});
