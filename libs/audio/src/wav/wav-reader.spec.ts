import { readFileSync } from 'fs';
import { join } from 'path';
import { InvalidWav } from '../audio.errors';
import { readWav } from './wav-reader';
import { dataChunk, fmtChunk, intSamples, riffWave } from './wav-test-files.testing';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'audio', 'clicks0.wav');

function expectInvalid(bytes: Uint8Array, code: string, message: RegExp): void {
  let caught: unknown;
  try {
    readWav(bytes);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(InvalidWav);
  expect((caught as InvalidWav).code).toBe(code);
  expect((caught as InvalidWav).message).toMatch(message);
}

describe('readWav', () => {
  it('reads the 16-bit mono fixture as int16 / 32768', () => {
    const bytes = readFileSync(FIXTURE);
    const wav = readWav(bytes);
    expect(wav.sampleRate).toBe(22050);
    expect(wav.channels).toHaveLength(1);
    expect(wav.channels[0]).toHaveLength(551250);
    expect(wav.sampleFormat).toBe('pcm');
    expect(wav.bitsPerSample).toBe(16);
    for (const i of [0, 1000, 275000, 551249]) {
      expect(wav.channels[0][i]).toBe(bytes.readInt16LE(44 + 2 * i) / 32768);
    }
  });

  it('skips unknown chunks (odd sizes with their pad byte) before and between fmt and data', () => {
    const bytes = riffWave([
      { id: 'LIST', body: new Uint8Array([1, 2, 3]) },
      fmtChunk({ formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 }),
      { id: 'junk', body: new Uint8Array(5) },
      dataChunk(intSamples([0, 16384, -32768, 32767], 2)),
    ]);
    const wav = readWav(bytes);
    expect(Array.from(wav.channels[0])).toEqual([0, 0.5, -1, 32767 / 32768]);
  });

  it('reads a data chunk that comes before the fmt chunk', () => {
    const bytes = riffWave([
      dataChunk(intSamples([100, -100], 2)),
      fmtChunk({ formatTag: 1, channels: 1, sampleRate: 44100, bitsPerSample: 16 }),
    ]);
    expect(Array.from(readWav(bytes).channels[0])).toEqual([100 / 32768, -100 / 32768]);
  });

  it('reads 24-bit stereo WAVE_FORMAT_EXTENSIBLE, de-interleaving the channels', () => {
    const frames = [8388607, -8388608, 1, -1, 4194304, 0];
    const bytes = riffWave([
      fmtChunk({ formatTag: 1, channels: 2, sampleRate: 48000, bitsPerSample: 24, extensible: true }),
      dataChunk(intSamples(frames, 3)),
    ]);
    const wav = readWav(bytes);
    expect(wav.sampleRate).toBe(48000);
    expect(wav.bitsPerSample).toBe(24);
    expect(Array.from(wav.channels[0])).toEqual([8388607, 1, 4194304].map((v) => Math.fround(v / 8388608)));
    expect(Array.from(wav.channels[1])).toEqual([-1, -1 / 8388608, 0]);
  });

  it('reads 32-bit PCM, 8-bit PCM and 32/64-bit float', () => {
    const pcm32 = riffWave([
      fmtChunk({ formatTag: 1, channels: 1, sampleRate: 16000, bitsPerSample: 32 }),
      dataChunk(intSamples([-2147483648, 1073741824], 4)),
    ]);
    expect(Array.from(readWav(pcm32).channels[0])).toEqual([-1, 0.5]);

    const pcm8 = riffWave([
      fmtChunk({ formatTag: 1, channels: 1, sampleRate: 16000, bitsPerSample: 8 }),
      dataChunk(new Uint8Array([0, 128, 192])),
    ]);
    expect(Array.from(readWav(pcm8).channels[0])).toEqual([-1, 0, 0.5]);

    const f32 = new Float32Array([0.25, -0.75, 1.5]);
    const float32 = riffWave([
      fmtChunk({ formatTag: 3, channels: 1, sampleRate: 22050, bitsPerSample: 32, extensible: true }),
      dataChunk(new Uint8Array(f32.buffer)),
    ]);
    const wav = readWav(float32);
    expect(wav.sampleFormat).toBe('float');
    expect(Array.from(wav.channels[0])).toEqual([0.25, -0.75, 1.5]);

    const f64 = new Float64Array([0.125, -0.5]);
    const float64 = riffWave([
      fmtChunk({ formatTag: 3, channels: 1, sampleRate: 22050, bitsPerSample: 64 }),
      dataChunk(new Uint8Array(f64.buffer)),
    ]);
    expect(Array.from(readWav(float64).channels[0])).toEqual([0.125, -0.5]);
  });

  it('reads from a Buffer that is a view into a larger pool', () => {
    const bytes = riffWave([
      fmtChunk({ formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 }),
      dataChunk(intSamples([1, 2, 3], 2)),
    ]);
    const pool = new Uint8Array(bytes.length + 7);
    pool.set(bytes, 7);
    expect(Array.from(readWav(pool.subarray(7)).channels[0])).toEqual([1, 2, 3].map((v) => v / 32768));
  });

  describe('refuses bad input with a code and a message naming the problem', () => {
    const good = riffWave([
      fmtChunk({ formatTag: 1, channels: 2, sampleRate: 22050, bitsPerSample: 16 }),
      dataChunk(intSamples([1, 2, 3, 4], 2)),
    ]);

    it('a file shorter than the RIFF header', () => {
      expectInvalid(good.subarray(0, 8), 'WAV_TRUNCATED_HEADER', /truncated header.*8 bytes/);
      expectInvalid(new Uint8Array(0), 'WAV_TRUNCATED_HEADER', /truncated header/);
    });

    it('a header cut inside the fmt chunk', () => {
      expectInvalid(
        good.subarray(0, 30),
        'WAV_TRUNCATED_HEADER',
        /fmt chunk declares 16 bytes but the file ends after 10/,
      );
      expectInvalid(good.subarray(0, 16), 'WAV_TRUNCATED_HEADER', /truncated header/);
      expectInvalid(good.subarray(0, 12), 'WAV_TRUNCATED_HEADER', /truncated header/);
    });

    it('something that is not RIFF/WAVE', () => {
      const bytes = Uint8Array.from(good);
      bytes.set([0x4f, 0x67, 0x67, 0x53], 0); // OggS
      expectInvalid(bytes, 'WAV_NOT_RIFF_WAVE', /not a RIFF\/WAVE file.*"OggS"/);
    });

    it('a data chunk shorter than declared, or cut inside its header', () => {
      expectInvalid(good.subarray(0, good.length - 3), 'WAV_TRUNCATED_DATA', /declares 8 bytes but only 5/);
      expectInvalid(good.subarray(0, 40), 'WAV_TRUNCATED_DATA', /ends before its data chunk is complete/);
    });

    it('a block align that does not match channels x bits', () => {
      const bytes = riffWave([
        fmtChunk({ formatTag: 1, channels: 2, sampleRate: 22050, bitsPerSample: 16, blockAlign: 3 }),
        dataChunk(intSamples([1, 2, 3], 2)),
      ]);
      expectInvalid(
        bytes,
        'WAV_BLOCK_ALIGN_MISMATCH',
        /block align is 3 bytes but 2 channel\(s\) of 16-bit samples need 4/,
      );
    });

    it('24-bit data whose length is not a multiple of 3 x channels', () => {
      const bytes = riffWave([
        fmtChunk({ formatTag: 1, channels: 2, sampleRate: 22050, bitsPerSample: 24 }),
        dataChunk(new Uint8Array(13)),
      ]);
      expectInvalid(
        bytes,
        'WAV_PARTIAL_FRAME',
        /13 bytes, not a whole number of 6-byte frames \(2 channel\(s\) x 24-bit\)/,
      );
    });

    it('empty audio', () => {
      const bytes = riffWave([
        fmtChunk({ formatTag: 1, channels: 1, sampleRate: 22050, bitsPerSample: 16 }),
        dataChunk(new Uint8Array(0)),
      ]);
      expectInvalid(bytes, 'WAV_EMPTY_AUDIO', /no samples/);
    });

    it('an unsupported format tag or sample size', () => {
      const adpcm = riffWave([
        fmtChunk({ formatTag: 2, channels: 1, sampleRate: 22050, bitsPerSample: 4, blockAlign: 256 }),
        dataChunk(new Uint8Array(256)),
      ]);
      expectInvalid(adpcm, 'WAV_UNSUPPORTED_FORMAT', /format tag 0x0002 \(Microsoft ADPCM\)/);
      const pcm12 = riffWave([
        fmtChunk({ formatTag: 1, channels: 1, sampleRate: 22050, bitsPerSample: 12, blockAlign: 2 }),
        dataChunk(new Uint8Array(4)),
      ]);
      expectInvalid(pcm12, 'WAV_UNSUPPORTED_FORMAT', /12-bit PCM/);
      const float16 = riffWave([
        fmtChunk({ formatTag: 3, channels: 1, sampleRate: 22050, bitsPerSample: 16 }),
        dataChunk(new Uint8Array(4)),
      ]);
      expectInvalid(float16, 'WAV_UNSUPPORTED_FORMAT', /16-bit float/);
    });

    it('a missing fmt or data chunk, a short fmt chunk, zero channels or a zero rate', () => {
      expectInvalid(riffWave([dataChunk(new Uint8Array(4))]), 'WAV_MISSING_FMT', /no fmt chunk/);
      expectInvalid(
        riffWave([fmtChunk({ formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 })]),
        'WAV_MISSING_DATA',
        /no data chunk/,
      );
      expectInvalid(
        riffWave([{ id: 'fmt ', body: new Uint8Array(14) }, dataChunk(new Uint8Array(4))]),
        'WAV_INVALID_FORMAT',
        /14 bytes, fewer than the 16/,
      );
      expectInvalid(
        riffWave([
          fmtChunk({ formatTag: 1, channels: 0, sampleRate: 8000, bitsPerSample: 16, blockAlign: 0 }),
          dataChunk(new Uint8Array(4)),
        ]),
        'WAV_INVALID_FORMAT',
        /0 channels/,
      );
      expectInvalid(
        riffWave([
          fmtChunk({ formatTag: 1, channels: 1, sampleRate: 0, bitsPerSample: 16 }),
          dataChunk(new Uint8Array(4)),
        ]),
        'WAV_INVALID_FORMAT',
        /sample rate is 0/,
      );
    });
  });
});
