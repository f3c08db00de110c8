import { writeWav } from '@loris/audio';
import { encodeNpyFloat32, encodeNpyFloat64 } from '@loris/synth';
import { checkI3dHeader, parseWavHeader, sniffKind } from './sniff-upload';

describe('sniffKind', () => {
  it('goes by content: WAV by its RIFF/WAVE magic, pose JSON by a leading brace, anything else is video', () => {
    const wav = writeWav({ sampleRate: 22050, channels: [new Float32Array(10)] });
    expect(sniffKind(wav)).toBe('WAV');
    expect(sniffKind(Buffer.from('\ufeff \n {"fps": 30}'))).toBe('POSES');
    expect(sniffKind(Buffer.from('hello, not a video'))).toBe('VIDEO');
    expect(sniffKind(new Uint8Array(0))).toBe('VIDEO');
    expect(sniffKind(encodeNpyFloat32(new Float32Array(1024), [1, 1024]))).toBe('I3D_FEATURES');
  });
});

describe('checkI3dHeader', () => {
  it('takes float32 or float64 (frames, 1024) and says why anything else is not I3D features', () => {
    const f4 = encodeNpyFloat32(new Float32Array(3 * 1024), [3, 1024]);
    expect(checkI3dHeader(f4, f4.length)).toEqual({ frames: 3 });
    const f8 = encodeNpyFloat64(new Float64Array(2 * 1024), [2, 1024]);
    expect(checkI3dHeader(f8, f8.length)).toEqual({ frames: 2 });
    const poses = encodeNpyFloat32(new Float32Array(4 * 51), [4, 17, 3]);
    expect(checkI3dHeader(poses, poses.length)).toBe(
      'its shape is (4, 17, 3); I3D features are (frames, 1024)',
    );
    expect(checkI3dHeader(f4, f4.length - 8)).toMatch(/truncated or padded/);
    const ints = Buffer.from(f4);
    ints.write("'<i8'", ints.indexOf("'<f4'"), 'latin1');
    expect(checkI3dHeader(ints, ints.length)).toMatch(/dtype is <i8; expected float32/);
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
