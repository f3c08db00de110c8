import { InvalidRhythmOptions } from './rhythm.errors';
import { POSE_FEATURES_DIM, poseFeatures } from './pose-features';

type Joint = [number, number, number];

/** An upright body: shoulders at y = 100, hips at y = 200 (torso length 100), centred on x = 110. */
function body(dx = 0, dy = 0, confidence = 0.9): Joint[] {
  const joints: Joint[] = Array.from({ length: 17 }, (_, j) => [110 + dx + j, 150 + dy, confidence]);
  joints[0] = [110 + dx, 50 + dy, confidence];
  joints[5] = [100 + dx, 100 + dy, confidence];
  joints[6] = [120 + dx, 100 + dy, confidence];
  joints[11] = [100 + dx, 200 + dy, confidence];
  joints[12] = [120 + dx, 200 + dy, confidence];
  return joints;
}

const P = 0;
const V = 34;

function at(data: Float32Array, t: number, offset: number, j: number): [number, number] {
  const o = t * POSE_FEATURES_DIM + offset + 2 * j;
  return [data[o], data[o + 1]];
}

describe('poseFeatures (pose-kinematics-v1)', () => {
  it('centres on the hip midpoint and scales by the torso length', () => {
    const f = poseFeatures({ fps: 30, keypoints: [body()] });
    expect(f).toMatchObject({ kind: 'pose-kinematics-v1', fps: 30, frames: 1, dims: 68 });
    expect(f.data).toBeInstanceOf(Float32Array);
    expect(f.data.length).toBe(68);
    expect(at(f.data, 0, P, 0)).toEqual([0, -1.5]); // nose (110, 50)
    expect(at(f.data, 0, P, 5)).toEqual([-0.1, -1].map(Math.fround));
    expect(at(f.data, 0, P, 12)).toEqual([0.1, 0].map(Math.fround));
    expect(Array.from(f.data.subarray(V, 68))).toEqual(new Array(34).fill(0));
  });

  it('gives velocities (p_t - p_t-1) * fps / 30 for joints confident in both frames', () => {
    const moved = body();
    moved[0] = [110, 60, 0.9]; // nose 10 px down = 0.1 torso
    moved[9] = [moved[9][0], moved[9][1], 0.1]; // wrist drops out
    const back = body();
    const f = poseFeatures({ fps: 60, keypoints: [body(), moved, back] });
    expect(at(f.data, 1, V, 0)[0]).toBe(0);
    expect(at(f.data, 1, V, 0)[1]).toBeCloseTo(0.2, 6);
    expect(at(f.data, 1, P, 9)).toEqual([0, 0]);
    expect(at(f.data, 1, V, 9)).toEqual([0, 0]);
    expect(at(f.data, 2, V, 9)).toEqual([0, 0]); // not confident at t - 1
    expect(at(f.data, 2, V, 0)[1]).toBeCloseTo(-0.2, 6);
  });

  it('does not move when the whole body translates, and does not change when it is scaled', () => {
    const a = poseFeatures({ fps: 30, keypoints: [body(), body(3, -4)] });
    const scaled = [body(), body(3, -4)].map((frame) =>
      frame.map(([x, y, c]) => [2 * x + 37, 2 * y - 11, c]),
    );
    const b = poseFeatures({ fps: 30, keypoints: scaled });
    expect(at(a.data, 1, V, 0)).toEqual([0, 0]);
    for (let i = 0; i < a.data.length; i++) expect(b.data[i]).toBeCloseTo(a.data[i], 5);
  });

  it('falls back to the mean of confident joints and (max y - min y) / 3 without hips', () => {
    const frame = body();
    frame[11][2] = 0.1;
    frame[12][2] = 0.2;
    const f = poseFeatures({ fps: 30, keypoints: [frame] });
    const confident = frame.filter((j) => j[2] >= 0.3);
    const cx = confident.reduce((s, j) => s + j[0], 0) / confident.length;
    const cy = confident.reduce((s, j) => s + j[1], 0) / confident.length;
    const scale = (150 - 50) / 3; // confident y from 50 (nose) to 150
    expect(at(f.data, 0, P, 0)[0]).toBeCloseTo((110 - cx) / scale, 6);
    expect(at(f.data, 0, P, 0)[1]).toBeCloseTo((50 - cy) / scale, 6);
    expect(at(f.data, 0, P, 11)).toEqual([0, 0]);
  });

  it('uses the one confident hip and shoulder when their partners are missing', () => {
    const frame = body();
    frame[6][2] = 0; // right shoulder
    frame[11][2] = 0; // left hip
    const f = poseFeatures({ fps: 30, keypoints: [frame] });
    // centre (120, 200), scale |(100, 100) - (120, 200)|
    const scale = Math.hypot(20, 100);
    expect(at(f.data, 0, P, 0)[0]).toBeCloseTo(-10 / scale, 6);
    expect(at(f.data, 0, P, 0)[1]).toBeCloseTo(-150 / scale, 6);
  });

  it('floors the scale at 1e-6 and zeroes frames without a confident joint', () => {
    const single = body(0, 0, 0);
    single[3] = [40, 40, 0.95];
    const empty = body(0, 0, 0.05);
    const f = poseFeatures({ fps: 30, keypoints: [single, empty, body()] });
    expect(Array.from(f.data).every(Number.isFinite)).toBe(true);
    expect(at(f.data, 0, P, 3)).toEqual([0, 0]);
    expect(Array.from(f.data.subarray(68, 136))).toEqual(new Array(68).fill(0));
    expect(Array.from(f.data.subarray(136 + V, 204))).toEqual(new Array(34).fill(0));
  });

  it('honours the confidence threshold option and refuses one outside [0, 1]', () => {
    const frame = body(0, 0, 0.25);
    expect(at(poseFeatures({ fps: 30, keypoints: [frame] }).data, 0, P, 0)).toEqual([0, 0]);
    const low = poseFeatures({ fps: 30, keypoints: [frame] }, { confidenceThreshold: 0.2 });
    expect(at(low.data, 0, P, 0)).toEqual([0, -1.5]);
    expect(() => poseFeatures({ fps: 30, keypoints: [frame] }, { confidenceThreshold: 1.5 })).toThrow(
      InvalidRhythmOptions,
    );
  });

  it('validates the track', () => {
    expect(() => poseFeatures({ fps: 30, keypoints: [body().slice(0, 16)] })).toThrow(/16 joints/);
  });
});
