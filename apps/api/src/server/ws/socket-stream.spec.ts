import { EndableStream } from './socket-stream';
import { UnauthenticatedError } from '@loris/engine';

/** A source that yields what is pushed and waits otherwise, as a Redis-backed subscription does. */
function pushSource<T>() {
  const waiting: ((result: IteratorResult<T>) => void)[] = [];
  let returned = false;
  const source: AsyncIterator<T> = {
    next: () => new Promise((resolve) => waiting.push(resolve)),
    return: async () => {
      returned = true;
      for (const resolve of waiting.splice(0)) resolve({ done: true, value: undefined });
      return { done: true, value: undefined };
    },
  };
  return { source, push: (value: T) => waiting.shift()?.({ done: false, value }), returned: () => returned };
}

describe('EndableStream', () => {
  it('passes events through, then rejects a pending read with the error it is ended with', async () => {
    const { source, push, returned } = pushSource<number>();
    const finished = jest.fn();
    const stream = new EndableStream(source, finished);
    const first = stream.next();
    push(1);
    expect(await first).toEqual({ done: false, value: 1 });

    const pending = stream.next();
    stream.end(new UnauthenticatedError('The API key is not valid (unknown or revoked)'));
    await expect(pending).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(returned()).toBe(true);
    expect(finished).toHaveBeenCalledTimes(1);
  });

  it('returns at once while a read is pending (a client completing its subscription)', async () => {
    const { source, returned } = pushSource<number>();
    const finished = jest.fn();
    const stream = new EndableStream(source, finished);
    const pending = stream.next();
    await expect(stream.return()).resolves.toEqual({ done: true, value: undefined });
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(returned()).toBe(true);
    expect(finished).toHaveBeenCalledTimes(1);
    stream.end(new UnauthenticatedError('too late'));
    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined });
  });
});
