import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureLoudness, mixTrap, normalizeLoudness, speakToWav } from './loudness';
import { FFMPEG, runTool } from './run-tool';

// Real ffmpeg and espeak-ng (tools/install-system-deps.sh installs both).
describe('listening-test loudness and trapping clips', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'loris-loudness-'));
    const made = await runTool(FFMPEG, [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=3',
      '-af',
      'volume=0.05',
      '-metadata',
      'title=system-A-secret',
      '-ar',
      '22050',
      join(dir, 'quiet.wav'),
    ]);
    expect(made.code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('brings a quiet clip to -23 LUFS (within 1 LU) and strips every tag', async () => {
    const before = await measureLoudness(join(dir, 'quiet.wav'));
    expect(Number(before.input_i)).toBeLessThan(-27);
    await normalizeLoudness(join(dir, 'quiet.wav'), join(dir, 'norm.wav'), { sampleRate: 22050 });
    const after = await measureLoudness(join(dir, 'norm.wav'));
    expect(Math.abs(Number(after.input_i) + 23)).toBeLessThan(1);
    const bytes = readFileSync(join(dir, 'norm.wav'));
    expect(bytes.includes('system-A-secret')).toBe(false);
    expect(bytes.includes('LIST')).toBe(false);
    expect(bytes.includes('Lavf')).toBe(false);
  });

  it('brings a clip louder than 0 LUFS (full-scale square wave, a saturated output) to -23 LUFS too', async () => {
    const made = await runTool(FFMPEG, [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i'],
      "aevalsrc='if(lt(mod(t*4000,1),0.5),0.999,-0.999)':s=22050:d=3",
      ...['-c:a', 'pcm_s16le', join(dir, 'loud.wav')],
    ]);
    expect(made.code).toBe(0);
    // loudnorm alone refuses a measured loudness above 0 LUFS.
    expect(Number((await measureLoudness(join(dir, 'loud.wav'))).input_i)).toBeGreaterThan(0);
    await normalizeLoudness(join(dir, 'loud.wav'), join(dir, 'loud-norm.wav'), { sampleRate: 22050 });
    const after = await measureLoudness(join(dir, 'loud-norm.wav'));
    expect(Math.abs(Number(after.input_i) + 23)).toBeLessThan(1);
  });

  it('refuses a silent clip with a message that says so', async () => {
    await runTool(FFMPEG, [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'anullsrc=r=22050:cl=mono',
      '-t',
      '1',
      join(dir, 'silent.wav'),
    ]);
    await expect(
      normalizeLoudness(join(dir, 'silent.wav'), join(dir, 'x.wav'), { sampleRate: 22050 }),
    ).rejects.toThrow(/silent/);
  });

  it('speaks a message over the start of a stimulus, and ends when the longer of the two ends', async () => {
    await normalizeLoudness(join(dir, 'quiet.wav'), join(dir, 'bed.wav'), { sampleRate: 22050 });
    await speakToWav('Please select the answer Good to confirm your attention now.', join(dir, 'msg.wav'));
    await mixTrap(join(dir, 'bed.wav'), join(dir, 'msg.wav'), join(dir, 'trap.wav'), {
      message: '',
      leadSeconds: 1,
      sampleRate: 22050,
    });
    const measured = await measureLoudness(join(dir, 'trap.wav'));
    expect(Number.isFinite(Number(measured.input_i))).toBe(true);
    // At least as long as the bed (3 s of 16-bit mono at 22050 Hz): the message is never cut.
    const size = readFileSync(join(dir, 'trap.wav')).length;
    expect(size).toBeGreaterThan(3 * 22050 * 2 * 0.95);
    // ...and it ends: the bed plus the message, not padded on for ever.
    expect(size).toBeLessThan(12 * 22050 * 2);
  });
});
