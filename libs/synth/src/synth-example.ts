import { poseFeatures, type PoseFeatures, type PoseTrack } from '@loris/rhythm';
import { planMotion, renderMotion } from './dance/dancer-motion';
import { observePoses } from './dance/pose-observation';
import { drawBodyShape } from './dance/skeleton';
import { genreStyle, type SynthGenre } from './genres/genre-styles';
import { renderMusic, SYNTH_SAMPLE_RATE } from './music/music-renderer';
import { SeededRandom } from './random/seeded-random';
import { composeScore, type SynthScore } from './score/event-score';
import { InvalidSynthRequest } from './synth.errors';

/** Bumped whenever the same seed would give different files, and written into every example. */
export const SYNTH_VERSION = 'synth-v1';
export const SYNTH_POSE_FPS = 30;
export const MAX_SYNTH_SECONDS = 600;

export interface SynthExampleOptions {
  /** One of SYNTH_GENRES (case-insensitive) or its slug. */
  genre: string;
  seconds: number;
  /** An integer in [0, 2^32). */
  seed: number;
  /** Pose frame rate; default 30. */
  fps?: number;
  /**
   * The genre whose way of moving the dancer follows; default `genre`. The score (tempo, grooves,
   * accents) and the music stay `genre`'s, so a corpus that mixes the two teaches a model to take the
   * genre from its label rather than from the dancer's style.
   */
  danceGenre?: string;
}

export interface SynthExample {
  version: typeof SYNTH_VERSION;
  genre: SynthGenre;
  danceGenre: SynthGenre;
  seconds: number;
  seed: number;
  sampleRate: number;
  score: SynthScore;
  /** Mono music in [-1, 1], seconds * sampleRate samples. */
  audio: Float32Array;
  /** The pose track as written to poses.json. */
  poses: PoseTrack & { keypoints: number[][][] };
  /** pose-kinematics-v1 features of `poses`. */
  features: PoseFeatures;
}

export function checkSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new InvalidSynthRequest(
      'SYNTH_BAD_SEED',
      `seed must be an integer in [0, 4294967295], got ${seed}`,
    );
  }
  return seed;
}

export function checkSeconds(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > MAX_SYNTH_SECONDS) {
    throw new InvalidSynthRequest(
      'SYNTH_BAD_SECONDS',
      `seconds must be in [1, ${MAX_SYNTH_SECONDS}], got ${seconds}`,
    );
  }
  return seconds;
}

function checkFps(fps: number): number {
  if (!Number.isFinite(fps) || fps < 5 || fps > 120) {
    throw new InvalidSynthRequest('SYNTH_BAD_FPS', `fps must be in [5, 120], got ${fps}`);
  }
  return fps;
}

/**
 * One paired example, all of it derived from (genre, seconds, seed): the event score, the music rendered
 * from it, a dancer who hits its accents, and the visual features of that dancer's pose track. Each part
 * draws from its own random stream, so the same request gives the same values on every run.
 */
export function generateSynthExample(options: SynthExampleOptions): SynthExample {
  const style = genreStyle(options.genre);
  const danceStyle = genreStyle(options.danceGenre ?? options.genre);
  const { dance } = danceStyle;
  const seconds = checkSeconds(options.seconds);
  const seed = checkSeed(options.seed);
  const fps = checkFps(options.fps ?? SYNTH_POSE_FPS);
  const stream = (name: string) => new SeededRandom(seed, `${style.slug}/${name}`);

  const score = composeScore(style, seconds, stream('score'));
  const audio = renderMusic(score, style, stream('audio'), SYNTH_SAMPLE_RATE);
  const body = drawBodyShape(stream('body'));
  const danceRng = stream('dance');
  const plan = planMotion(score, dance, body, danceRng);
  const frames = Math.round(seconds * fps);
  const breathing = { amplitude: 0.006 * body.height, period: danceRng.uniform(2.8, 4.2) };
  const motion = renderMotion(plan, frames, fps, dance.sharpness, breathing);
  // The first frame that shows an accent's move.
  const accentFrames = score.accents.map((a) => Math.floor(a.time * fps) + 1);
  const poses = { fps, keypoints: observePoses(motion, frames, accentFrames, stream('observation')) };
  return {
    version: SYNTH_VERSION,
    genre: style.genre,
    danceGenre: danceStyle.genre,
    seconds,
    seed,
    sampleRate: SYNTH_SAMPLE_RATE,
    score,
    audio,
    poses,
    features: poseFeatures(poses),
  };
}
