import { InvalidAudioInput } from '../audio.errors';
import { SCORING_PEAK_PICK } from './onset-detect';
import { peakPick, type PeakPickOptions } from './peak-pick';

const scoring: PeakPickOptions = { ...SCORING_PEAK_PICK };

describe('peakPick (librosa 0.8.0 util.peak_pick)', () => {
  it('finds an isolated spike', () => {
    expect(peakPick([0, 0, 0, 0, 1, 0, 0, 0, 0], scoring)).toEqual([4]);
  });

  it('finds peaks at both ends, where the windows are truncated', () => {
    expect(peakPick([1, 0, 0, 0, 0, 0, 0, 0, 0, 0.9], scoring)).toEqual([0, 9]);
  });

  it('never reports a zero frame and finds nothing in a flat or empty envelope', () => {
    expect(peakPick([0, 0, 0, 0, 0], scoring)).toEqual([]);
    expect(peakPick([0.5, 0.5, 0.5, 0.5], scoring)).toEqual([]);
    expect(peakPick([], scoring)).toEqual([]);
  });

  it('requires the peak to clear the local mean by delta', () => {
    // mean(x[2..7]) = 0.6 / 6 + 0.4 * 5 / 6 ~ 0.433: 0.6 < 0.633, no peak; 0.7 >= 0.45 + 0.2.
    expect(peakPick([0.4, 0.4, 0.4, 0.4, 0.4, 0.6, 0.4, 0.4, 0.4, 0.4, 0.4], scoring)).toEqual([]);
    expect(peakPick([0.4, 0.4, 0.4, 0.4, 0.4, 0.7, 0.4, 0.4, 0.4, 0.4, 0.4], scoring)).toEqual([5]);
  });

  it('uses the window x[n - pre : n + post], which holds post - 1 frames after n', () => {
    // A larger value 3 frames after n is outside the max window (post_max 3 covers n+1, n+2)...
    expect(peakPick([0, 0, 0, 0.8, 0, 0, 1, 0, 0, 0], scoring)).toEqual([3, 6]);
    // ...but 2 frames after n it is inside, and n is not a local maximum.
    expect(peakPick([0, 0, 0, 0.8, 0, 1, 0, 0, 0, 0], scoring)).toEqual([5]);
    // 3 frames before n is inside (pre_max 3 covers n-3 .. n-1).
    expect(peakPick([0, 0, 1, 0, 0, 0.8, 0, 0, 0, 0], scoring)).toEqual([2]);
  });

  it('keeps only the first of peaks closer than `wait`', () => {
    // A plateau: both frames equal the local max; wait 1 drops the second.
    expect(peakPick([0, 0, 0, 1, 1, 0, 0, 0], scoring)).toEqual([3]);
    expect(peakPick([0, 0, 0, 1, 1, 0, 0, 0], { ...scoring, wait: 0 })).toEqual([3, 4]);
    const spikes = [0, 0, 0, 1, 0, 0, 1, 0, 0, 0];
    expect(peakPick(spikes, { ...scoring, preMax: 1, postMax: 1 })).toEqual([3, 6]);
    expect(peakPick(spikes, { ...scoring, preMax: 1, postMax: 1, wait: 3 })).toEqual([3]);
  });

  it('refuses negative or fractional windows', () => {
    expect(() => peakPick([1], { ...scoring, preMax: -1 })).toThrow(InvalidAudioInput);
    expect(() => peakPick([1], { ...scoring, wait: 0.5 })).toThrow(/wait must be an integer/);
    expect(() => peakPick([1], { ...scoring, preAvg: 0, postAvg: 0 })).toThrow(/must hold a frame/);
  });
});
