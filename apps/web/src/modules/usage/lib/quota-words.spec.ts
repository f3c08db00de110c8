import { formatAudioSeconds, formatBytes, percentUsed, usageSentence } from './quota-words';

describe('quota words', () => {
  it('writes bytes in binary units', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(900)).toBe('900 bytes');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(10 * 1024 ** 3)).toBe('10 GiB');
  });

  it('writes seconds of audio as hours, minutes and seconds', () => {
    expect(formatAudioSeconds(1.5)).toBe('1.5 s');
    expect(formatAudioSeconds(3600)).toBe('1 h');
    expect(formatAudioSeconds(723.9)).toBe('12 min 3 s');
  });

  it('caps the bar at 100%, and counts a zero limit as full', () => {
    expect(percentUsed(1.5, 3600)).toBe(0);
    expect(percentUsed(1800, 3600)).toBe(50);
    expect(percentUsed(5000, 3600)).toBe(100);
    expect(percentUsed(0, 0)).toBe(100);
  });

  it('puts usage and limit in one sentence', () => {
    expect(usageSentence('AUDIO_SECONDS', 1.5, 3600)).toBe('1.5 s of 1 h (0%)');
    expect(usageSentence('CONCURRENT_JOBS', 1, 4)).toBe('1 job of 4 jobs (25%)');
    expect(usageSentence('STORED_BYTES', 1024 ** 3, 2 * 1024 ** 3)).toBe('1 GiB of 2 GiB (50%)');
  });
});
