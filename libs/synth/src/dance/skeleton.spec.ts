import { SeededRandom } from '../random/seeded-random';
import {
  CHANNEL,
  drawBodyShape,
  FRAME_HEIGHT,
  FRAME_WIDTH,
  JOINT_COUNT,
  neutralChannels,
  poseJoints,
} from './skeleton';

function distance(p: Float64Array, a: number, b: number): number {
  return Math.hypot(p[2 * a] - p[2 * b], p[2 * a + 1] - p[2 * b + 1]);
}

describe('skeleton', () => {
  const body = drawBodyShape(new SeededRandom(5, 'body'));

  it('keeps every bone at its length whatever the pose', () => {
    const rng = new SeededRandom(6);
    const joints = new Float64Array(2 * JOINT_COUNT);
    for (let trial = 0; trial < 50; trial++) {
      const ch = neutralChannels();
      ch[CHANNEL.rootDrop] = rng.uniform(0, 0.07) * body.height;
      ch[CHANNEL.lean] = rng.uniform(-0.25, 0.25);
      ch[CHANNEL.lRaise] = rng.uniform(0, 2.8);
      ch[CHANNEL.rElbow] = rng.uniform(-0.5, 1.7);
      ch[CHANNEL.lFoot] = rng.uniform(-0.14, 0.14) * body.height;
      poseJoints(body, ch, joints);
      expect(distance(joints, 5, 7)).toBeCloseTo(body.upperArm, 6);
      expect(distance(joints, 7, 9)).toBeCloseTo(body.forearm, 6);
      expect(distance(joints, 6, 8)).toBeCloseTo(body.upperArm, 6);
      expect(distance(joints, 8, 10)).toBeCloseTo(body.forearm, 6);
      expect(distance(joints, 11, 13)).toBeCloseTo(body.thigh, 6);
      expect(distance(joints, 13, 15)).toBeCloseTo(body.shin, 6);
      expect(distance(joints, 12, 14)).toBeCloseTo(body.thigh, 6);
      expect(distance(joints, 14, 16)).toBeCloseTo(body.shin, 6);
      expect(distance(joints, 5, 6)).toBeCloseTo(2 * body.shoulderHalf, 6);
    }
  });

  it('stands upright facing the camera: head on top, left side on the image right, feet on the floor', () => {
    const joints = new Float64Array(2 * JOINT_COUNT);
    poseJoints(body, neutralChannels(), joints);
    const y = (j: number) => joints[2 * j + 1];
    const x = (j: number) => joints[2 * j];
    expect(y(0)).toBeLessThan(y(5));
    expect(y(5)).toBeLessThan(y(11));
    expect(y(11)).toBeLessThan(y(13));
    expect(y(13)).toBeLessThan(y(15));
    expect(y(15)).toBeCloseTo(body.floorY, 9);
    for (const [left, right] of [
      [1, 2],
      [3, 4],
      [5, 6],
      [11, 12],
      [15, 16],
    ]) {
      expect(x(left)).toBeGreaterThan(x(right));
    }
    // Bent knees point outwards.
    expect(x(13)).toBeGreaterThan((x(11) + x(15)) / 2 - 1e-9);
    expect(x(14)).toBeLessThan((x(12) + x(16)) / 2 + 1e-9);
    for (let j = 0; j < JOINT_COUNT; j++) {
      expect(x(j)).toBeGreaterThan(0);
      expect(x(j)).toBeLessThan(FRAME_WIDTH);
      expect(y(j)).toBeGreaterThan(0);
      expect(y(j)).toBeLessThan(FRAME_HEIGHT);
    }
  });
});
