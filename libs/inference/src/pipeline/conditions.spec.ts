import {
  InvalidPoseTrack,
  packPoseTrack,
  PAPER_RHYTHM_PARAMS,
  REFERENCE_RHYTHM_PARAMS,
  resolveRhythmParams,
} from '@loris/rhythm';
import { InvalidRequestError } from '../inference.errors';
import { poseTrackSeconds } from '../request/pose-track-seconds';
import { parityContract, swayingPoses } from '../testing/parity-fixture.testing';
import { conditionsFromPoses, resamplePoseTrack, rhythmOptions } from './conditions';

/** A track whose every joint moves along x = frame index, y = 2 * frame index, fully confident. */
function rampTrack(frames: number, fps: number, confidence = (_t: number, _j: number) => 1) {
  return packPoseTrack({
    fps,
    keypoints: Array.from({ length: frames }, (_, t) =>
      Array.from({ length: 17 }, (_, j) => [t, 2 * t, confidence(t, j)]),
    ),
  });
}

describe('resamplePoseTrack', () => {
  it('returns a track already at the target fps unchanged', () => {
    const track = rampTrack(10, 30);
    expect(resamplePoseTrack(track, 30, 0.3)).toBe(track);
  });

  it('keeps the duration and interpolates positions in time', () => {
    // 20 frames at 16 fps = 1.25 s -> 37.5, rounded to 38 frames at 30 fps; frame t' is at source t' * 16 / 30.
    const out = resamplePoseTrack(rampTrack(20, 16), 30, 0.3);
    expect(out.fps).toBe(30);
    expect(out.frames).toBe(38);
    const x = (t: number, j: number) => out.data[(t * 17 + j) * 3];
    expect(x(15, 4)).toBeCloseTo(8, 12);
    expect(x(1, 0)).toBeCloseTo(16 / 30, 12);
    expect(out.data[(1 * 17 + 0) * 3 + 1]).toBeCloseTo(32 / 30, 12);
    // Past the last source frame the last one is held.
    expect(x(37, 0)).toBe(19);
  });

  it('copies the nearer frame where a joint is not confident on both sides', () => {
    // Joint 3 is lost on odd frames.
    const track = rampTrack(10, 10, (t, j) => (j === 3 && t % 2 === 1 ? 0 : 1));
    const out = resamplePoseTrack(track, 40, 0.3);
    const at = (t: number, j: number, c: number) => out.data[(t * 17 + j) * 3 + c];
    // t' = 1 is source 0.25: nearer frame 0 (confident); t' = 3 is source 0.75: nearer frame 1 (lost).
    expect([at(1, 3, 0), at(1, 3, 2)]).toEqual([0, 1]);
    expect([at(3, 3, 0), at(3, 3, 2)]).toEqual([1, 0]);
    // A joint confident on both sides is interpolated.
    expect(at(1, 4, 0)).toBeCloseTo(0.25, 12);
  });
});

describe('rhythmOptions', () => {
  const settings = {
    rate: 16,
    bins: 10,
    preMax: 3,
    postMax: 3,
    preAvg: 2,
    postAvg: 2,
    confidenceThreshold: 0.3,
  };

  it('maps the paper variant to delta and wait', () => {
    const resolved = resolveRhythmParams(
      rhythmOptions({ ...settings, variant: 'paper', delta: 0.2, wait: 1 }),
    );
    expect(resolved).toEqual({ variant: 'paper', params: PAPER_RHYTHM_PARAMS });
  });

  it("maps the reference variant's threshold to delta", () => {
    const resolved = resolveRhythmParams(
      rhythmOptions({ ...settings, variant: 'reference', delta: 0.1, wait: 1 }),
    );
    expect(resolved).toEqual({ variant: 'reference', params: REFERENCE_RHYTHM_PARAMS });
  });

  it('refuses a variant the platform does not compute', () => {
    expect(() => rhythmOptions({ ...settings, variant: 'optical-flow', delta: 0.2, wait: 1 })).toThrow(
      InvalidRequestError,
    );
  });
});

describe('conditionsFromPoses', () => {
  const model = parityContract();

  it('gives the contract-rate conditions for the requested length', () => {
    const conditions = conditionsFromPoses(model, swayingPoses(2), 'Krump', 1.5);
    expect(conditions.lengths).toMatchObject({ visualFrames: 12, rhythmTokens: 45 });
    expect(conditions.visual).toHaveLength(12 * 68);
    expect(conditions.rhythm).toHaveLength(45);
    expect(conditions.genre).toBe(7);
    // The arm accent every 0.5 s shows up as rhythm peaks, and only 0 and 1 appear.
    expect(conditions.rhythm.every((v) => v === 0 || v === 1)).toBe(true);
    expect(conditions.rhythm.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
  });

  it('computes the same conditions from the track at another fps', () => {
    const at30 = conditionsFromPoses(model, swayingPoses(2, 30), 'Pop', 1.5);
    const at60 = conditionsFromPoses(model, swayingPoses(2, 60), 'Pop', 1.5);
    let worst = 0;
    for (let i = 0; i < at30.visual.length; i++)
      worst = Math.max(worst, Math.abs(at30.visual[i] - at60.visual[i]));
    // Every 60 fps frame pair lands on a 30 fps frame exactly, so only float rounding differs.
    expect(worst).toBeLessThan(1e-4);
  });

  it("takes a track's own length at any fps, even half a frame past the model's grid", () => {
    // 61 frames at 60 fps are 30.5 frames at the model's 30 fps: the track and the request both round to 31.
    const track = swayingPoses(61 / 60, 60);
    const conditions = conditionsFromPoses(model, track, 'Pop', poseTrackSeconds(track));
    expect(conditions.visual.every(Number.isFinite)).toBe(true);
    // 3 frames at 60 fps are 2 at 30 fps, fewer than the rhythm needs: the last frame is held, not read past.
    const short = conditionsFromPoses(model, swayingPoses(3 / 60, 60), 'Pop', 0.05);
    expect(short.visual.every(Number.isFinite)).toBe(true);
  });

  it('refuses a length beyond the pose track and a bad track', () => {
    expect(() => conditionsFromPoses(model, swayingPoses(2), 'Pop', 3)).toThrow(
      /seconds is 3, but the input is only 2\.00 s long; ask for at most 2\.00 s/,
    );
    expect(() => conditionsFromPoses(model, { fps: 30, keypoints: [[[0, 0, 1]]] }, 'Pop', 1)).toThrow(
      InvalidPoseTrack,
    );
  });
});
