import { InvalidAudioInput } from '../audio.errors';
import { readWav } from './wav-reader';
import { writeWav } from './wav-writer';

describe('writeWav', () => {
  it('writes a canonical 44-byte-header 16-bit PCM file that reads back exactly', () => {
    const left = Float32Array.from([0, 0.5, -1, 32767 / 32768, -3 / 32768]);
    const right = Float32Array.from([0.25, -0.25, 0, 1 / 32768, 0]);
    const bytes = writeWav({ sampleRate: 22050, channels: [left, right] });
    expect(bytes.length).toBe(44 + 5 * 4);
    const view = new DataView(bytes.buffer);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('RIFF');
    expect(view.getUint32(4, true)).toBe(bytes.length - 8);
    expect(view.getUint16(20, true)).toBe(1);
    expect(view.getUint32(28, true)).toBe(22050 * 4);
    expect(view.getUint16(32, true)).toBe(4);
    // Interleaved: L0 R0 L1 R1 ...
    expect(view.getInt16(44, true)).toBe(0);
    expect(view.getInt16(46, true)).toBe(8192);
    expect(view.getInt16(48, true)).toBe(16384);
    const wav = readWav(bytes);
    expect(wav.channels.map((channel) => Array.from(channel))).toEqual([Array.from(left), Array.from(right)]);
  });

  it('clips PCM to the int16 range and rounds to the nearest step', () => {
    const bytes = writeWav({
      sampleRate: 8000,
      channels: [Float32Array.from([1.5, -2, 1, 0.4 / 32768, 0.6 / 32768])],
    });
    const view = new DataView(bytes.buffer);
    expect([0, 1, 2, 3, 4].map((i) => view.getInt16(44 + 2 * i, true))).toEqual([32767, -32768, 32767, 0, 1]);
  });

  it('writes float32 with a fact chunk, and reads back bit-exact', () => {
    const samples = Float32Array.from([0.1, -0.7, 1.25, Math.fround(1e-7)]);
    const bytes = writeWav({ sampleRate: 48000, channels: [samples] }, 'float32');
    expect(String.fromCharCode(...bytes.subarray(38, 42))).toBe('fact');
    const wav = readWav(bytes);
    expect(wav.sampleFormat).toBe('float');
    expect(wav.bitsPerSample).toBe(32);
    expect(Array.from(wav.channels[0])).toEqual(Array.from(samples));
  });

  it('refuses channels of different lengths, no channels and a bad rate', () => {
    expect(() =>
      writeWav({ sampleRate: 8000, channels: [new Float32Array(2), new Float32Array(3)] }),
    ).toThrow(InvalidAudioInput);
    expect(() => writeWav({ sampleRate: 8000, channels: [] })).toThrow(/1 to 65535 channels/);
    expect(() => writeWav({ sampleRate: 0, channels: [new Float32Array(1)] })).toThrow(/positive integer/);
  });
});
