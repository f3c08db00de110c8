import { writeWav } from '@loris/audio';
import { parseWavHeader, sniffKind } from './sniff-upload';

describe('sniffKind', () => {
  it('goes by content: WAV by its RIFF/WAVE magic, pose JSON by a leading brace, anything else is video', () => {
    const wav = writeWav({ sampleRate: 22050, channels: [new Float32Array(10)] });
    expect(sniffKind(wav)).toBe('WAV');
    expect(sniffKind(Buffer.from('\ufeff \n {"fps": 30}'))).toBe('POSES');
    expect(sniffKind(Buffer.from('hello, not a video'))).toBe('VIDEO');
    expect(sniffKind(new Uint8Array(0))).toBe('VIDEO');
  });
});

describe('parseWavHeader', () => {
  it('reads the fmt chunk of a real WAV and says why a broken one is not one', () => {
    const wav = writeWav({ sampleRate: 22050, channels: [new Float32Array(10), new Float32Array(10)] });
    expect(parseWavHeader(wav)).toMatchObject({ channels: 2, sampleRate: 22050 });
    expect(parseWavHeader(wav.subarray(0, 20))).toMatch(/truncated|no fmt chunk/);
    expect(parseWavHeader(Buffer.from('RIFF\0\0\0\0WAVEdata\0\0\0\0'))).toMatch(/no fmt chunk/);
  });
});
