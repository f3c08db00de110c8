import { InvalidPoseTrack } from './rhythm.errors';
import { packPoseTrack, type PoseTrack } from './pose-track';

function frame(x = 100, y = 200, c = 0.9): number[][] {
  return Array.from({ length: 17 }, (_, j) => [x + j, y + 2 * j, c]);
}

function track(frames = 3, fps = 30): PoseTrack {
  return { fps, keypoints: Array.from({ length: frames }, (_, t) => frame(100 + t)) };
}

function caught(fn: () => unknown): InvalidPoseTrack {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidPoseTrack) return error;
    throw error;
  }
  throw new Error('expected InvalidPoseTrack');
}

describe('packPoseTrack', () => {
  it('packs keypoints frame-major, joint-major, (x, y, confidence)', () => {
    const packed = packPoseTrack(track(4, 25));
    expect(packed.fps).toBe(25);
    expect(packed.frames).toBe(4);
    expect(packed.data.length).toBe(4 * 17 * 3);
    // frame 2, joint 5: x = 100 + 2 + 5, y = 200 + 10
    expect(Array.from(packed.data.subarray((2 * 17 + 5) * 3, (2 * 17 + 6) * 3))).toEqual([107, 210, 0.9]);
  });

  it('accepts an already packed track and checks it', () => {
    const packed = packPoseTrack(track());
    expect(packPoseTrack(packed)).toBe(packed);
    const broken = { ...packed, data: packed.data.slice(0, 10) };
    expect(caught(() => packPoseTrack(broken)).code).toBe('POSE_WRONG_JOINT_COUNT');
  });

  it('refuses a frame with 16 joints, naming the frame', () => {
    const t = track(5);
    (t.keypoints as number[][][])[3] = frame().slice(0, 16);
    const error = caught(() => packPoseTrack(t));
    expect(error.code).toBe('POSE_WRONG_JOINT_COUNT');
    expect(error.frame).toBe(3);
    expect(error.message).toContain('frame 3 has 16 joints');
  });

  it('refuses NaN and infinite values, naming frame, joint and component', () => {
    const t = track(4);
    (t.keypoints as number[][][])[2][9][1] = NaN;
    const error = caught(() => packPoseTrack(t));
    expect(error.code).toBe('POSE_VALUE_NOT_FINITE');
    expect([error.frame, error.joint]).toEqual([2, 9]);
    expect(error.message).toContain('frame 2, joint 9 (l_wrist): y is NaN');

    const u = track(4);
    (u.keypoints as number[][][])[1][0][0] = Infinity;
    expect(caught(() => packPoseTrack(u)).message).toContain('frame 1, joint 0 (nose): x is Infinity');

    const v = track(4);
    (v.keypoints as unknown[][][])[0][16][2] = null;
    expect(caught(() => packPoseTrack(v)).code).toBe('POSE_VALUE_NOT_FINITE');
  });

  it('refuses fewer than 3 frames unless fewer are allowed', () => {
    expect(caught(() => packPoseTrack(track(2))).code).toBe('POSE_TOO_FEW_FRAMES');
    expect(caught(() => packPoseTrack(track(0))).code).toBe('POSE_TOO_FEW_FRAMES');
    expect(packPoseTrack(track(1), { minFrames: 1 }).frames).toBe(1);
  });

  it.each([0, -30, 240.5, NaN, Infinity])('refuses fps %p', (fps) => {
    expect(caught(() => packPoseTrack(track(3, fps))).code).toBe('POSE_FPS_INVALID');
  });

  it('accepts fps at the top of (0, 240]', () => {
    expect(packPoseTrack(track(3, 240)).fps).toBe(240);
  });

  it('refuses a non-numeric fps, a missing keypoints array and a non-object', () => {
    expect(caught(() => packPoseTrack({ fps: '30', keypoints: [] })).code).toBe('POSE_FPS_INVALID');
    expect(caught(() => packPoseTrack({ fps: 30 })).code).toBe('POSE_KEYPOINTS_NOT_ARRAY');
    expect(caught(() => packPoseTrack([1, 2, 3])).code).toBe('POSE_TRACK_NOT_OBJECT');
    expect(caught(() => packPoseTrack(null)).code).toBe('POSE_TRACK_NOT_OBJECT');
  });

  it('refuses malformed keypoints and frames', () => {
    const t = track(3);
    (t.keypoints as number[][][])[1][4] = [1, 2];
    const error = caught(() => packPoseTrack(t));
    expect(error.code).toBe('POSE_KEYPOINT_MALFORMED');
    expect(error.message).toContain('frame 1, joint 4 (r_ear)');

    const u = track(3) as { fps: number; keypoints: unknown[] };
    u.keypoints[2] = 'frame';
    expect(caught(() => packPoseTrack(u)).code).toBe('POSE_FRAME_NOT_ARRAY');
  });

  it('refuses a confidence outside [0, 1]', () => {
    const t = track(3);
    (t.keypoints as number[][][])[0][3][2] = 1.2;
    expect(caught(() => packPoseTrack(t)).code).toBe('POSE_CONFIDENCE_OUT_OF_RANGE');
  });
});
