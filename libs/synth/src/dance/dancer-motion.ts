import type { DanceStyle } from '../genres/genre-styles';
import type { SeededRandom } from '../random/seeded-random';
import type { Accent, SynthScore } from '../score/event-score';
import { CHANNEL, JOINT_COUNT, neutralChannels, poseJoints, type BodyShape } from './skeleton';

/*
 * The motion model. The visual rhythm of the paper (eq. 4-7) counts rises of the directogram, and its
 * peak picker (delta relative to the local maximum) fires on any isolated rise, however small. So the
 * dancer is built to rise only at accents: at each accent the whole body sets off, every joint on a
 * straight line towards the next key pose, at its highest speed, and eases out (1 - (1 - s)^k) to rest by
 * the next accent. A straight line keeps a joint's motion in one angle bin while it slows down, so between
 * accents the directogram only falls; at an accent the speeds jump, which is the visual onset.
 */

/** Pose the body reaches by `time + duration`, starting from wherever it is at `time`. */
export interface KeyPose {
  time: number;
  duration: number;
  /** 17 joints, (x, y) interleaved, pixels. */
  joints: Float64Array;
}

export interface MotionPlan {
  /** Where the dancer stands before the first accent. */
  initial: Float64Array;
  keys: KeyPose[];
}

const ARM_BEND: readonly [number, number] = [-0.5, 1.7];
const MIN_ARM_CHANGE = 0.5;
/**
 * Largest turn of an upper arm or forearm in one move. Joints travel on straight lines, so a bone that
 * turns by theta is cos(theta / 2) of its length half-way: 1.2 rad keeps every bone above 80%.
 */
const MAX_ARM_CHANGE = 1.2;
const FOOT_RANGE = 0.14;
/** Each key pose carries an estimator-like error per joint (pixels), so no two poses repeat exactly. */
const KEY_POSE_NOISE = 0.7;
/** Joints that rise when the dancer breathes in: head, shoulders and arms. */
const UPPER_BODY = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** A new value in [lo, hi], between minChange and maxChange away from `current`, on a side with room. */
function newTarget(
  rng: SeededRandom,
  current: number,
  [lo, hi]: readonly [number, number],
  minChange: number,
  maxChange = Infinity,
): number {
  const upLo = current + minChange;
  const upHi = Math.min(hi, current + maxChange);
  const downLo = Math.max(lo, current - maxChange);
  const downHi = current - minChange;
  const upRoom = Math.max(0, upHi - upLo);
  const downRoom = Math.max(0, downHi - downLo);
  if (upRoom + downRoom === 0) return Math.min(hi, Math.max(lo, current + rng.sign() * minChange));
  return rng.chance(upRoom / (upRoom + downRoom)) ? rng.uniform(upLo, upHi) : rng.uniform(downLo, downHi);
}

function planKick(
  ch: Float64Array,
  style: DanceStyle,
  body: BodyShape,
  rng: SeededRandom,
  scale: number,
): void {
  const [lo, hi] = style.bounce;
  // Alternate down and up so every kick reverses the hips' vertical motion.
  const down = ch[CHANNEL.rootDrop] < 0.5 * lo * body.height;
  ch[CHANNEL.rootDrop] = (down ? rng.uniform(lo, hi) * scale : rng.uniform(0, 0.25 * lo)) * body.height;
  const limit = FOOT_RANGE * body.height;
  if (rng.chance(style.stepChance)) {
    const foot = rng.chance(0.5) ? CHANNEL.lFoot : CHANNEL.rFoot;
    ch[foot] = newTarget(rng, ch[foot], [-limit, limit], 0.06 * body.height);
  }
  // The hips sway to the other side, around the point between the feet.
  const mid = (ch[CHANNEL.lFoot] + ch[CHANNEL.rFoot]) / 2;
  const side = ch[CHANNEL.rootX] > mid ? -1 : 1;
  ch[CHANNEL.rootX] = mid + side * rng.uniform(0.5, 1) * style.sway * body.height;
}

function planSnare(ch: Float64Array, style: DanceStyle, rng: SeededRandom, scale: number): void {
  const arms = rng.chance(style.bothArms) ? ['l', 'r'] : [rng.pick(['l', 'r'])];
  for (const arm of arms) {
    const raise = arm === 'l' ? CHANNEL.lRaise : CHANNEL.rRaise;
    const bend = arm === 'l' ? CHANNEL.lElbow : CHANNEL.rElbow;
    ch[raise] = newTarget(rng, ch[raise], style.armRaise, MIN_ARM_CHANGE * scale, MAX_ARM_CHANGE);
    ch[bend] = newTarget(rng, ch[bend], ARM_BEND, 0.3, MAX_ARM_CHANGE);
  }
  const side = ch[CHANNEL.lean] > 0 ? -1 : 1;
  ch[CHANNEL.lean] = side * rng.uniform(0.4, 1) * style.lean * scale;
}

function planHat(ch: Float64Array, style: DanceStyle, rng: SeededRandom, scale: number): void {
  const nodding = ch[CHANNEL.nod] > 0.5 * style.nod;
  ch[CHANNEL.nod] = nodding ? rng.uniform(0, 0.15) * style.nod : rng.uniform(0.7, 1) * style.nod * scale;
  ch[CHANNEL.tilt] = rng.uniform(-0.12, 0.12);
  // A flick of both forearms gives the hat accents weight beyond the five head joints.
  for (const bend of [CHANNEL.lElbow, CHANNEL.rElbow]) {
    ch[bend] += (ch[bend] > 0.6 ? -1 : 1) * rng.uniform(0.25, 0.45) * scale;
  }
}

/**
 * Holds each arm bone's turn in the image, over one move, to MAX_ARM_CHANGE. A left arm's upper arm
 * points at pi/2 - raise + lean (image angle), a right arm's at pi/2 + raise + lean; the forearm likewise
 * with raise + bend. So the raise may change by side * (lean change) +- MAX_ARM_CHANGE.
 */
function limitArmTurns(before: Float64Array, ch: Float64Array): void {
  const leanTurn = ch[CHANNEL.lean] - before[CHANNEL.lean];
  for (const [raise, bend, side] of [
    [CHANNEL.lRaise, CHANNEL.lElbow, 1],
    [CHANNEL.rRaise, CHANNEL.rElbow, -1],
  ]) {
    const centre = side * leanTurn;
    const clamp = (delta: number) =>
      Math.max(centre - MAX_ARM_CHANGE, Math.min(centre + MAX_ARM_CHANGE, delta));
    ch[raise] = before[raise] + clamp(ch[raise] - before[raise]);
    const forearm = before[raise] + before[bend] + clamp(ch[raise] + ch[bend] - before[raise] - before[bend]);
    ch[bend] = forearm - ch[raise];
  }
}

function keyJoints(body: BodyShape, ch: Float64Array, rng: SeededRandom): Float64Array {
  const joints = new Float64Array(2 * JOINT_COUNT);
  poseJoints(body, ch, joints);
  for (let i = 0; i < joints.length; i++) joints[i] += KEY_POSE_NOISE * rng.normal();
  return joints;
}

/**
 * One key pose per accent: kicks move the hips (drop, sway) and sometimes a foot; snares the arms and
 * the torso's lean; hats the head and forearms. The move to a key pose lasts until the next accent, or
 * `maxMoveBeats` at most, after which the dancer holds (and breathes).
 */
export function planMotion(
  score: SynthScore,
  style: DanceStyle,
  body: BodyShape,
  rng: SeededRandom,
): MotionPlan {
  const ch = neutralChannels();
  const initial = keyJoints(body, ch, rng);
  const longest = style.maxMoveBeats * score.beatSeconds;
  const accents: readonly Accent[] = score.accents;
  const keys = accents.map((accent, i) => {
    const scale = 0.6 + 0.4 * accent.strength;
    const before = ch.slice();
    if (accent.kinds.includes('kick')) planKick(ch, style, body, rng, scale);
    if (accent.kinds.includes('snare')) planSnare(ch, style, rng, scale);
    if (accent.kinds.includes('hat') || accent.kinds.includes('openHat')) planHat(ch, style, rng, scale);
    limitArmTurns(before, ch);
    const next = accents[i + 1]?.time ?? Infinity;
    return {
      time: accent.time,
      duration: Math.min(next - accent.time, longest),
      joints: keyJoints(body, ch, rng),
    };
  });
  return { initial, keys };
}

export interface Breathing {
  /** Rise of the upper body at full breath, pixels. */
  amplitude: number;
  /** Seconds per breath. */
  period: number;
}

/** Perlin's smootherstep: 0 to 1 with zero velocity and acceleration at both ends. */
function smootherstep(s: number): number {
  return s * s * s * (s * (6 * s - 15) + 10);
}

/**
 * Breath rise `tau` seconds into a hold: in over half a period, out over the other half, each with
 * smootherstep. A breath turns with zero acceleration, so the speed in the new direction (what the
 * directogram's rise measures) grows from nothing instead of jumping, and the peak picker sees no onset.
 */
function breathRise(breathing: Breathing, tau: number): number {
  const half = breathing.period / 2;
  const phase = (tau / half) % 2;
  return breathing.amplitude * (phase < 1 ? smootherstep(phase) : 1 - smootherstep(phase - 1));
}

/**
 * Samples the plan at `fps`: [frames][17][2] flattened. During a hold the upper body rises and falls
 * with the breath, starting from rest, so a hold never begins with a jolt; the next move starts from
 * wherever the breath has taken the body.
 */
export function renderMotion(
  plan: MotionPlan,
  frames: number,
  fps: number,
  sharpness: number,
  breathing: Breathing,
): Float64Array {
  const out = new Float64Array(frames * 2 * JOINT_COUNT);
  const stride = 2 * JOINT_COUNT;
  const { keys } = plan;
  // Pose at each key's start: the previous key's pose (plus breath) at that moment.
  const starts: Float64Array[] = [];
  const holdPose = (
    base: Float64Array,
    holdStart: number,
    t: number,
    target: Float64Array,
    offset: number,
  ) => {
    const rise = breathRise(breathing, t - holdStart);
    for (let i = 0; i < stride; i++) target[offset + i] = base[i];
    for (const j of UPPER_BODY) target[offset + 2 * j + 1] -= rise;
  };
  const poseAt = (k: number, t: number, target: Float64Array, offset: number) => {
    if (k < 0) return holdPose(plan.initial, 0, t, target, offset);
    const key = keys[k];
    const s = (t - key.time) / key.duration;
    if (s >= 1) return holdPose(key.joints, key.time + key.duration, t, target, offset);
    const e = 1 - Math.pow(1 - s, sharpness);
    const from = starts[k];
    for (let i = 0; i < stride; i++) target[offset + i] = from[i] + (key.joints[i] - from[i]) * e;
  };
  for (let k = 0; k < keys.length; k++) {
    const start = new Float64Array(stride);
    poseAt(k - 1, keys[k].time, start, 0);
    starts.push(start);
  }
  let k = -1;
  for (let f = 0; f < frames; f++) {
    const t = f / fps;
    while (k + 1 < keys.length && keys[k + 1].time <= t) k++;
    poseAt(k, t, out, f * stride);
  }
  return out;
}
