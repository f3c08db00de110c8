import type { RequestSoundtrackInput } from '@/graphql/generated';
import { againIdempotencyKey, soundtrackIdempotencyKey } from './idempotency-key';

const input: RequestSoundtrackInput = { posesUploadId: 'u1', genre: 'Pop', seconds: 3, seed: null };

describe('soundtrackIdempotencyKey', () => {
  it('is the same for the same page and request, whatever the order of the fields', () => {
    const reordered: RequestSoundtrackInput = { seed: null, seconds: 3, genre: 'Pop', posesUploadId: 'u1' };
    expect(soundtrackIdempotencyKey('nonce-a', input)).toBe(soundtrackIdempotencyKey('nonce-a', reordered));
    const model = { versionId: 'v1', alias: null };
    expect(soundtrackIdempotencyKey('nonce-a', { ...input, model })).toBe(
      soundtrackIdempotencyKey('nonce-a', { ...input, model: { alias: null, versionId: 'v1' } }),
    );
  });

  it('differs for another page or any changed field, and fits the API’s 200 characters', () => {
    const key = soundtrackIdempotencyKey('nonce-a', input);
    expect(soundtrackIdempotencyKey('nonce-b', input)).not.toBe(key);
    expect(soundtrackIdempotencyKey('nonce-a', { ...input, genre: 'House' })).not.toBe(key);
    expect(soundtrackIdempotencyKey('nonce-a', { ...input, seed: 0 })).not.toBe(key);
    // The model is a nested object: its alias counts as much as any top-level field.
    const staging = soundtrackIdempotencyKey('nonce-a', { ...input, model: { alias: 'staging' } });
    expect(staging).not.toBe(key);
    expect(soundtrackIdempotencyKey('nonce-a', { ...input, model: { alias: 'default' } })).not.toBe(staging);
    expect(key.length).toBeLessThanOrEqual(200);
  });
});

describe('againIdempotencyKey', () => {
  it('is one key per rendered page and job, within the API’s 200 characters', () => {
    const key = againIdempotencyKey('nonce-a', 'job-1');
    expect(againIdempotencyKey('nonce-a', 'job-1')).toBe(key);
    expect(againIdempotencyKey('nonce-b', 'job-1')).not.toBe(key);
    expect(againIdempotencyKey('nonce-a', 'job-2')).not.toBe(key);
    expect(key.length).toBeLessThanOrEqual(200);
  });
});
