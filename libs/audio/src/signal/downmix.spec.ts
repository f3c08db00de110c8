import { InvalidAudioInput } from '../audio.errors';
import { downmixToMono } from './downmix';

describe('downmixToMono', () => {
  it('averages the channels', () => {
    const mono = downmixToMono([Float32Array.from([1, 0.5, -1]), Float32Array.from([0, 0.5, 1])]);
    expect(Array.from(mono)).toEqual([0.5, 0.5, 0]);
  });

  it('returns a mono input unchanged', () => {
    const only = Float32Array.from([0.1, 0.2]);
    expect(downmixToMono([only])).toBe(only);
  });

  it('refuses no channels and channels of different lengths', () => {
    expect(() => downmixToMono([])).toThrow(InvalidAudioInput);
    expect(() => downmixToMono([new Float32Array(3), new Float32Array(2)])).toThrow(/different lengths/);
  });
});
