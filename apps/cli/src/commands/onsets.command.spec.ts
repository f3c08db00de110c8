import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readWav, resample, writeWav } from '@loris/audio';
import { AUDIO_FIXTURES, expectCleanFailure, runLoris } from '../run-loris.testing';

const reference = JSON.parse(readFileSync(join(AUDIO_FIXTURES, 'onsets.json'), 'utf8')) as {
  clips: Record<string, { onset_strength: number[]; onset_frames: number[]; beats_per_second: number[] }>;
};
const tmp = mkdtempSync(join(tmpdir(), 'loris-onsets-'));

describe('loris onsets', () => {
  it('--json prints librosa 0.8.0 onsets and the beat vector of a WAV file', () => {
    const run = runLoris(['onsets', join(AUDIO_FIXTURES, 'audio', 'music2.wav'), '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout);
    const clip = reference.clips['music2.wav'];
    expect(output.sampleRate).toBe(22050);
    expect(output.samples).toBe(551250);
    expect(output.onsetStrength).toHaveLength(clip.onset_strength.length);
    output.onsetStrength.forEach((value: number, i: number) => {
      expect(Math.abs(value - clip.onset_strength[i])).toBeLessThan(1e-3);
    });
    expect(output.onsetFrames).toEqual(clip.onset_frames);
    expect(output.onsetTimes).toEqual(clip.onset_frames.map((frame) => (frame * 512) / 22050));
    expect(output.beatsPerSecond).toEqual(clip.beats_per_second);
  });

  it('prints a readable summary and onset table without --json', () => {
    const run = runLoris(['onsets', join(AUDIO_FIXTURES, 'audio', 'sparse0.wav')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^file: .*sparse0\.wav$/m);
    expect(run.stdout).toMatch(/^onsets:\s+13$/m);
    // The machine's beat vector, and beside it the rate as a person reads it.
    expect(run.stdout).toMatch(/^beats\/second:\s+[01]+ \(\d+ of \d+ seconds\)$/m);
    const rate = /^beat rate:\s+(\d+\.\d) beats per second \((\d+) BPM\)$/m.exec(run.stdout);
    expect(rate).not.toBeNull();
    const seconds = Number(/^samples:.*\(([\d.]+) s\)$/m.exec(run.stdout)![1]);
    expect(Number(rate![1])).toBeCloseTo(13 / seconds, 1);
    expect(Number(rate![2])).toBe(Math.round((13 / seconds) * 60));
    expect(run.stdout).toMatch(/^#\s+frame\s+time \(s\)\s+strength$/m);
    // 7 summary lines, a blank line, the table's header and rule, 13 onsets.
    expect(run.stdout.trim().split('\n')).toHaveLength(7 + 1 + 2 + 13);
  });

  it('downmixes stereo and resamples another rate to 22050 Hz before analysing', () => {
    const mono = readWav(readFileSync(join(AUDIO_FIXTURES, 'audio', 'clicks0.wav'))).channels[0];
    const at44k = resample(mono, 22050, 44100);
    const stereo = join(tmp, 'clicks0-44k-stereo.wav');
    writeFileSync(stereo, writeWav({ sampleRate: 44100, channels: [at44k, at44k] }, 'float32'));
    const run = runLoris(['onsets', stereo, '--json']);
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output.sampleRate).toBe(22050);
    expect(output.samples).toBe(551250);
    // Two band-limited resamplings leave the clicks where they were.
    expect(output.onsetFrames).toEqual(reference.clips['clicks0.wav'].onset_frames);
  });

  it('names the file and the problem when the WAV is bad, with exit code 1', () => {
    const truncated = join(tmp, 'truncated.wav');
    writeFileSync(truncated, readFileSync(join(AUDIO_FIXTURES, 'audio', 'sparse1.wav')).subarray(0, 30));
    expectCleanFailure(
      runLoris(['onsets', truncated]),
      1,
      /^loris: .*truncated\.wav: truncated header: the fmt chunk declares 16 bytes .* \[WAV_TRUNCATED_HEADER\]\n$/,
    );
    expectCleanFailure(
      runLoris(['onsets', join(tmp, 'missing.wav')]),
      1,
      /missing\.wav: no such file \[FILE_NOT_FOUND\]/,
    );
  });
});
