import { JOINT_COUNT } from '@loris/rhythm';
import type { SeededRandom } from '../random/seeded-random';

export { JOINT_COUNT };

/** Frame the poses are drawn in (pixels, y down), as in the reference pose fixtures. */
export const FRAME_WIDTH = 1920;
export const FRAME_HEIGHT = 1080;

/**
 * The animated degrees of freedom of the dancer, one slot each in a channel vector. Lengths are pixels,
 * angles radians; arm angles are measured from the arm hanging straight down, outward positive.
 */
export const CHANNEL = {
  rootX: 0, // hip centre shift, image right positive
  rootDrop: 1, // hip centre drop (knees bend), down positive
  lean: 2, // torso tilt, positive leans to image right
  nod: 3, // head nod, 0 upright .. 1 chin down
  tilt: 4, // head tilt
  lRaise: 5, // left upper arm
  lElbow: 6, // left forearm relative to the upper arm
  rRaise: 7,
  rElbow: 8,
  lFoot: 9, // left ankle shift from its stance position
  rFoot: 10,
} as const;
export const CHANNEL_COUNT = 11;

/** Body measurements in pixels; proportions after standard anthropometric segment ratios (Drillis & Contini). */
export interface BodyShape {
  height: number;
  centreX: number;
  floorY: number;
  torso: number;
  neck: number;
  shoulderHalf: number;
  hipHalf: number;
  upperArm: number;
  forearm: number;
  thigh: number;
  shin: number;
  stance: number;
  eyeUp: number;
  eyeHalf: number;
  earUp: number;
  earHalf: number;
}

/** A dancer of random size (about 560 to 740 px from ankle to nose) placed somewhere in the frame. */
export function drawBodyShape(rng: SeededRandom): BodyShape {
  const h = rng.uniform(560, 740);
  const vary = (fraction: number) => fraction * h * rng.uniform(0.95, 1.05);
  const floorY = rng.uniform(Math.max(h + 180, 880), 1010);
  return {
    height: h,
    centreX: FRAME_WIDTH / 2 + rng.uniform(-200, 200),
    floorY,
    torso: vary(0.3),
    neck: vary(0.125),
    shoulderHalf: vary(0.13),
    hipHalf: vary(0.085),
    upperArm: vary(0.19),
    forearm: vary(0.165),
    thigh: vary(0.27),
    shin: vary(0.255),
    stance: vary(0.11),
    eyeUp: vary(0.024),
    eyeHalf: vary(0.023),
    earUp: vary(0.006),
    earHalf: vary(0.052),
  };
}

/** The resting pose: arms hanging a little out with a soft elbow, head up, feet at stance width. */
export function neutralChannels(): Float64Array {
  const ch = new Float64Array(CHANNEL_COUNT);
  ch[CHANNEL.lRaise] = 0.25;
  ch[CHANNEL.rRaise] = 0.25;
  ch[CHANNEL.lElbow] = 0.3;
  ch[CHANNEL.rElbow] = 0.3;
  return ch;
}

/** Writes point (x, y) for joint j into a [17][2] flat array. */
function put(out: Float64Array, j: number, x: number, y: number): void {
  out[2 * j] = x;
  out[2 * j + 1] = y;
}

/**
 * Two-bone inverse kinematics for a leg: the knee lies at `thigh` from the hip and `shin` from the
 * ankle (law of cosines), on the outer side (`side` = +1 image right), as bent knees look from the front.
 */
function knee(hx: number, hy: number, ax: number, ay: number, thigh: number, shin: number, side: number) {
  const dx = ax - hx;
  const dy = ay - hy;
  const d = Math.min(Math.hypot(dx, dy), (thigh + shin) * 0.999);
  const along = (thigh * thigh + d * d - shin * shin) / (2 * d);
  const across = Math.sqrt(Math.max(0, thigh * thigh - along * along));
  const ux = dx / Math.hypot(dx, dy);
  const uy = dy / Math.hypot(dx, dy);
  // Of the two perpendiculars, take the one pointing to the dancer's outer side.
  const sign = -uy * side >= 0 ? 1 : -1;
  return { x: hx + along * ux - sign * uy * across, y: hy + along * uy + sign * ux * across };
}

/**
 * Forward kinematics: the 17 COCO joints (x, y interleaved) of a dancer facing the camera, whose left
 * side is on the image right. The torso rotates about the hip centre; head, arms and legs hang off it.
 */
export function poseJoints(shape: BodyShape, ch: Float64Array, out: Float64Array): void {
  const lean = ch[CHANNEL.lean];
  const cos = Math.cos(lean);
  const sin = Math.sin(lean);
  // Body frame -> image: up = (sin, -cos), right = (cos, sin).
  const hipX = shape.centreX + ch[CHANNEL.rootX];
  const hipY = shape.floorY - (shape.thigh + shape.shin) * 0.96 + ch[CHANNEL.rootDrop];
  const torso = shape.torso;
  const shX = hipX + torso * sin;
  const shY = hipY - torso * cos;

  const headAngle = 0.4 * lean + ch[CHANNEL.tilt];
  const hs = Math.sin(headAngle);
  const hc = Math.cos(headAngle);
  const nod = ch[CHANNEL.nod];
  const noseX = shX + shape.neck * (1 - 0.5 * nod) * hs;
  const noseY = shY - shape.neck * (1 - 0.5 * nod) * hc;
  put(out, 0, noseX, noseY);
  // Nodding foreshortens the face: eyes and ears close in on the nose vertically.
  const eyeUp = shape.eyeUp * (1 - 0.5 * nod);
  const earUp = shape.earUp + shape.eyeUp * 0.8 * nod;
  for (const [eye, ear, side] of [
    [1, 3, 1],
    [2, 4, -1],
  ]) {
    put(
      out,
      eye,
      noseX + eyeUp * hs + side * shape.eyeHalf * hc,
      noseY - eyeUp * hc + side * shape.eyeHalf * hs,
    );
    put(
      out,
      ear,
      noseX + earUp * hs + side * shape.earHalf * hc,
      noseY - earUp * hc + side * shape.earHalf * hs,
    );
  }

  const arms = [
    [5, 7, 9, CHANNEL.lRaise, CHANNEL.lElbow, 1],
    [6, 8, 10, CHANNEL.rRaise, CHANNEL.rElbow, -1],
  ] as const;
  for (const [shoulder, elbow, wrist, raise, bend, side] of arms) {
    const sx = shX + side * shape.shoulderHalf * cos;
    const sy = shY + side * shape.shoulderHalf * sin;
    const a = ch[raise];
    const b = a + ch[bend];
    // Limb direction in the body frame (side * sin, cos), rotated into the image by the lean.
    const ex = sx + shape.upperArm * (side * Math.sin(a) * cos - Math.cos(a) * sin);
    const ey = sy + shape.upperArm * (side * Math.sin(a) * sin + Math.cos(a) * cos);
    put(out, shoulder, sx, sy);
    put(out, elbow, ex, ey);
    put(
      out,
      wrist,
      ex + shape.forearm * (side * Math.sin(b) * cos - Math.cos(b) * sin),
      ey + shape.forearm * (side * Math.sin(b) * sin + Math.cos(b) * cos),
    );
  }

  // The pelvis follows the lean a little; the feet stay on the floor.
  const pc = Math.cos(0.3 * lean);
  const ps = Math.sin(0.3 * lean);
  const legs = [
    [11, 13, 15, CHANNEL.lFoot, 1],
    [12, 14, 16, CHANNEL.rFoot, -1],
  ] as const;
  for (const [hip, kneeJoint, ankle, foot, side] of legs) {
    const hx = hipX + side * shape.hipHalf * pc;
    const hy = hipY + side * shape.hipHalf * ps;
    const ax = shape.centreX + side * shape.stance + ch[foot];
    const ay = shape.floorY;
    const k = knee(hx, hy, ax, ay, shape.thigh, shape.shin, side);
    put(out, hip, hx, hy);
    put(out, kneeJoint, k.x, k.y);
    put(out, ankle, ax, ay);
  }
}
