import type { SeededRandom } from '../random/seeded-random';
import { FRAME_HEIGHT, FRAME_WIDTH, JOINT_COUNT } from './skeleton';

/** Typical confidence of a 2D pose estimator per COCO joint: ears and the extremities are least sure. */
const BASE_CONFIDENCE = [
  0.95, 0.93, 0.93, 0.84, 0.84, 0.96, 0.96, 0.92, 0.92, 0.88, 0.88, 0.94, 0.94, 0.92, 0.92, 0.9, 0.9,
];
/** Chance, at each accent, that a joint turns doubtful (occluded, blurred) until a later accent. */
const SPELL_CHANCE = [
  0.008, 0.008, 0.008, 0.03, 0.03, 0.005, 0.005, 0.012, 0.012, 0.025, 0.025, 0.005, 0.005, 0.01, 0.01, 0.02,
  0.02,
];
/** Extra position error of a doubtful joint, pixels. */
const SPELL_JITTER = 2.5;

function round(value: number, scale: number): number {
  return Math.round(value * scale) / scale;
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

/**
 * What a pose estimator reports for the rendered motion: confidences around each joint's typical value,
 * and spells in which a joint is doubtful (confidence below 0.3, position off by a few pixels). Spells
 * start and end on accent frames: a doubtful joint is left out of the directogram and the features, so
 * its coming and going only ever coincides with an accent. Positions are rounded to 1e-4 px: the paper's
 * peak picker takes any local rise of the envelope, however small, and coarser rounding turns the slow
 * end of each move into jitter it reads as onsets (at 0.01 px the F-measure of the visual peaks against
 * the accents fell to 0.67-0.99 over the genres; at 1e-4 px it is 0.97-1.00, as with no rounding).
 */
export function observePoses(
  motion: Float64Array,
  frames: number,
  accentFrames: readonly number[],
  rng: SeededRandom,
): number[][][] {
  const spellEnd = new Int32Array(JOINT_COUNT).fill(-1);
  const spellStarts = new Map<number, number>();
  for (const f of accentFrames) spellStarts.set(f, (spellStarts.get(f) ?? 0) + 1);
  let accentIndex = 0;
  const keypoints: number[][][] = [];
  for (let f = 0; f < frames; f++) {
    const atAccent = accentIndex < accentFrames.length && accentFrames[accentIndex] === f;
    if (atAccent) {
      for (let j = 0; j < JOINT_COUNT; j++) {
        if (spellEnd[j] <= f && rng.chance(SPELL_CHANCE[j])) {
          spellEnd[j] = accentFrames[Math.min(accentIndex + rng.int(1, 3), accentFrames.length - 1)];
          if (spellEnd[j] <= f) spellEnd[j] = frames;
        }
      }
      while (accentIndex < accentFrames.length && accentFrames[accentIndex] === f) accentIndex++;
    }
    const frame: number[][] = [];
    for (let j = 0; j < JOINT_COUNT; j++) {
      const doubtful = f < spellEnd[j];
      let x = motion[(f * JOINT_COUNT + j) * 2];
      let y = motion[(f * JOINT_COUNT + j) * 2 + 1];
      if (doubtful) {
        x += SPELL_JITTER * rng.normal();
        y += SPELL_JITTER * rng.normal();
      }
      const confidence = doubtful
        ? rng.uniform(0.05, 0.28)
        : clamp(BASE_CONFIDENCE[j] + 0.025 * rng.normal(), 0.35, 0.995);
      frame.push([
        round(clamp(x, 0, FRAME_WIDTH), 1e4),
        round(clamp(y, 0, FRAME_HEIGHT), 1e4),
        round(confidence, 1e3),
      ]);
    }
    keypoints.push(frame);
  }
  return keypoints;
}
