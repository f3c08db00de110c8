import { decodeCursor, encodeCursor } from './cursor';

describe('page cursor', () => {
  const cursor = {
    createdAt: new Date('2024-05-06T07:08:09.123Z'),
    id: '6f1c3a52-6d0e-4b8e-9d43-0a7a1f3f6b11',
  };

  it('round-trips to the millisecond', () => {
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('rejects text it did not issue', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    for (const text of [
      '',
      'abc',
      b64('2024-05-06T07:08:09.123Z'),
      b64('yesterday|' + cursor.id),
      b64('2024-05-06T07:08:09.123Z|42'),
      b64(`2024-05-06T07:08:09.123Z|${cursor.id}|x`),
    ]) {
      expect(decodeCursor(text)).toBeNull();
    }
  });
});
