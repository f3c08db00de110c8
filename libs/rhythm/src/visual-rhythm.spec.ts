import { asTrack, stillTrack, step } from './hand-built-tracks.testing';
import { InvalidPoseTrack, InvalidRhythmOptions } from './rhythm.errors';
import {
  PAPER_RHYTHM_PARAMS,
  REFERENCE_RHYTHM_PARAMS,
  type RhythmVariant,
  visualRhythm,
} from './visual-rhythm';

describe('visualRhythm, paper variant (default)', () => {
  it('finds one peak for an isolated jump, at the frame where the motion starts', () => {
    const keypoints = stillTrack(30);
    step(keypoints, 9, 10, 20, 0); // motion 9 -> 10 only
    const rhythm = visualRhythm(asTrack(keypoints, 30));
    expect(rhythm.variant).toBe('paper');
    expect(rhythm.envelope.length).toBe(28);
    expect(rhythm.envelope[8]).toBe(1);
    expect(Array.from(rhythm.peaks.keys()).filter((i) => rhythm.peaks[i])).toEqual([8]);
    expect(rhythm.frameOffset).toBe(1);
    expect(rhythm.peakFrames).toEqual([9]);
    expect(rhythm.peakTimes).toEqual([9 / 30]);
  });

  it('keeps one of two spikes closer than the wait', () => {
    const keypoints = stillTrack(30);
    step(keypoints, 9, 10, 20, 0); // sector 0 rises at envelope index 8
    step(keypoints, 9, 11, 20, 0);
    step(keypoints, 10, 11, 0, 20); // sector 2 rises at index 9, as much
    const rhythm = visualRhythm(asTrack(keypoints));
    expect(rhythm.envelope[8]).toBe(1);
    expect(rhythm.envelope[9]).toBe(1);
    expect(rhythm.peakFrames).toEqual([9]);
    expect(visualRhythm(asTrack(keypoints), { wait: 0 }).peakFrames).toEqual([9, 10]);
  });

  it('finds periodic accents at their frames', () => {
    const keypoints = stillTrack(60);
    for (const frame of [10, 20, 30, 40, 50]) step(keypoints, 15, frame, 0, -30);
    expect(visualRhythm(asTrack(keypoints, 20)).peakTimes).toEqual([9, 19, 29, 39, 49].map((f) => f / 20));
  });

  it('gives no peak and a zero envelope for a still track and for constant velocity', () => {
    for (const variant of ['paper', 'reference'] as const) {
      const still = visualRhythm(asTrack(stillTrack(40)), { variant });
      expect(Array.from(still.envelope)).toEqual(new Array(38).fill(0));
      expect(still.peakFrames).toEqual([]);
      const gliding = stillTrack(40);
      for (let t = 1; t < 40; t++) step(gliding, 0, t, 2, 1);
      const glide = visualRhythm(asTrack(gliding), { variant });
      expect(glide.envelope.every((v) => v === 0)).toBe(true);
      expect(glide.peakFrames).toEqual([]);
    }
  });

  it('ignores a jump of a joint below the confidence threshold', () => {
    const keypoints = stillTrack(30);
    step(keypoints, 9, 10, 20, 0);
    for (const frame of keypoints) frame[9][2] = 0.25;
    expect(visualRhythm(asTrack(keypoints)).peakFrames).toEqual([]);
    expect(visualRhythm(asTrack(keypoints), { confidenceThreshold: 0.2 }).peakFrames).toEqual([9]);
  });

  it('records the variant and every parameter, including overrides', () => {
    const keypoints = stillTrack(10);
    expect(visualRhythm(asTrack(keypoints)).params).toEqual(PAPER_RHYTHM_PARAMS);
    expect(visualRhythm(asTrack(keypoints), { bins: 8, delta: 0.1 }).params).toEqual({
      ...PAPER_RHYTHM_PARAMS,
      bins: 8,
      delta: 0.1,
    });
    const reference = visualRhythm(asTrack(keypoints), { variant: 'reference', threshold: 0.3 });
    expect(reference.variant).toBe('reference');
    expect(reference.params).toEqual({ ...REFERENCE_RHYTHM_PARAMS, threshold: 0.3 });
    const chosen: RhythmVariant = 'reference';
    expect(visualRhythm(asTrack(keypoints), { variant: chosen }).variant).toBe('reference');
  });
});

describe('visualRhythm input checks', () => {
  it('refuses an unknown variant with its own code', () => {
    const options = { variant: 'librosa' } as unknown as { variant: RhythmVariant };
    expect(() => visualRhythm(asTrack(stillTrack(5)), options)).toThrow(
      expect.objectContaining({ code: 'RHYTHM_UNKNOWN_VARIANT' }),
    );
  });

  it.each([
    [{ bins: 0 }],
    [{ bins: 2.5 }],
    [{ preMax: -1 }],
    [{ postAvg: 1.5 }],
    [{ delta: NaN }],
    [{ wait: -2 }],
    [{ confidenceThreshold: 2 }],
  ])('refuses paper options %p', (options) => {
    expect(() => visualRhythm(asTrack(stillTrack(5)), options)).toThrow(InvalidRhythmOptions);
  });

  it('refuses reference windows of zero frames and a negative threshold', () => {
    const track = asTrack(stillTrack(5));
    expect(() => visualRhythm(track, { variant: 'reference', preAvg: 0, postAvg: 0 })).toThrow(
      InvalidRhythmOptions,
    );
    expect(() => visualRhythm(track, { variant: 'reference', threshold: -0.1 })).toThrow(
      InvalidRhythmOptions,
    );
  });

  it('refuses bad tracks with InvalidPoseTrack: 16 joints, NaN, under 3 frames, bad fps', () => {
    const sixteen = stillTrack(5);
    sixteen[2] = sixteen[2].slice(0, 16);
    const nan = stillTrack(5);
    nan[4][3][0] = NaN;
    const cases: [unknown, string][] = [
      [asTrack(sixteen), 'POSE_WRONG_JOINT_COUNT'],
      [asTrack(nan), 'POSE_VALUE_NOT_FINITE'],
      [asTrack(stillTrack(2)), 'POSE_TOO_FEW_FRAMES'],
      [asTrack(stillTrack(5), 0), 'POSE_FPS_INVALID'],
      [asTrack(stillTrack(5), 500), 'POSE_FPS_INVALID'],
    ];
    for (const [track, code] of cases) {
      expect(() => visualRhythm(track)).toThrow(InvalidPoseTrack);
      expect(() => visualRhythm(track)).toThrow(expect.objectContaining({ code }));
    }
  });
});
