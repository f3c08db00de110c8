import { existsSync, readdirSync } from 'fs';
import { join } from 'path';
import {
  beatScores,
  onsetFMeasure,
  summarizeBeatScores,
  summarizeOnsetFMeasures,
  type BeatScoreSummary,
  type OnsetFMeasure,
  type OnsetFMeasureSummary,
} from '@loris/metrics';
import { visualRhythm, type RhythmVariant } from '@loris/rhythm';
import { aboutFile, CliError } from '../cli.error';
import { readJsonFile, requireDirectory } from '../io/read-input-file';
import { analyzeClip, type ClipOnsets } from './clip-onsets';

/** One (ground truth, generated) pair; the paths are what gets read. */
export interface AudioPair {
  gt: string;
  generated: string;
  gtPath: string;
  generatedPath: string;
  /** Pose track of the video the generated audio was made for, to score its onsets against the visual rhythm. */
  posesPath?: string;
}

type StrictScore = Pick<
  OnsetFMeasure,
  'precision' | 'recall' | 'fMeasure' | 'matches' | 'reference' | 'estimated'
>;

export interface ScoredPair {
  gt: string;
  generated: string;
  /** BCS of the pair. */
  cover: number;
  /** BHS of the pair. */
  hit: number;
  /** Generated onsets against ground-truth onsets within the tolerance. */
  strict: StrictScore;
  /** Generated onsets against the visual rhythm's peak times (reference = peaks), when poses were given. */
  rhythm?: StrictScore;
}

/** What `loris metrics --json` prints: scores as fractions (the paper's tables show them x100). */
export interface MetricsReport {
  pairs: ScoredPair[];
  summary: BeatScoreSummary;
  strict: OnsetFMeasureSummary & { toleranceMs: number };
  /** Over the pairs with poses only; absent when none had any. */
  rhythm?: OnsetFMeasureSummary & { toleranceMs: number; variant: RhythmVariant };
}

export interface ScorePairsOptions {
  /** Onset matching window (ms). */
  toleranceMs: number;
  /** Visual rhythm variant for pairs with poses (default 'paper'). */
  rhythmVariant?: RhythmVariant;
  /** Clips already analysed (e.g. by analyzeClips in worker threads), by path; the rest are analysed here. */
  clips?: ReadonlyMap<string, ClipOnsets>;
}

/** Every file the pairs read, once. */
export function clipPaths(pairs: readonly AudioPair[]): string[] {
  return [...new Set(pairs.flatMap((pair) => [pair.gtPath, pair.generatedPath]))];
}

/** Pairs from a pairs.json document `[{gt, generated, poses?}]` whose names are files in `audioDir`. */
export function pairsFromJson(document: unknown, pairsFile: string, audioDir: string): AudioPair[] {
  requireDirectory(audioDir);
  if (!Array.isArray(document)) {
    throw new CliError('INVALID_PAIRS', 'expected a JSON array of {"gt": ..., "generated": ...}', pairsFile);
  }
  if (document.length === 0) throw new CliError('NO_PAIRS', 'the pairs list is empty', pairsFile);
  return document.map((entry: unknown, i) => {
    const { gt, generated, poses } = (entry ?? {}) as { gt?: unknown; generated?: unknown; poses?: unknown };
    if (typeof gt !== 'string' || typeof generated !== 'string' || !gt || !generated) {
      throw new CliError(
        'INVALID_PAIRS',
        `pair ${i} must be an object with string fields "gt" and "generated" (file names in ${audioDir})`,
        pairsFile,
      );
    }
    if (poses !== undefined && (typeof poses !== 'string' || !poses)) {
      throw new CliError('INVALID_PAIRS', `pair ${i}: "poses" must name a pose-track JSON file`, pairsFile);
    }
    const pair: AudioPair = {
      gt,
      generated,
      gtPath: join(audioDir, gt),
      generatedPath: join(audioDir, generated),
    };
    return poses === undefined ? pair : { ...pair, posesPath: join(audioDir, poses) };
  });
}

/**
 * Pairs each .wav of `generatedDir` with the file of the same name in `gtDir`, and with `<name>.json` in
 * `posesDir` when one is given (every generated file then needs its pose track).
 */
export function pairsFromDirectories(gtDir: string, generatedDir: string, posesDir?: string): AudioPair[] {
  requireDirectory(gtDir);
  requireDirectory(generatedDir);
  if (posesDir !== undefined) requireDirectory(posesDir);
  const gtNames = new Set(readdirSync(gtDir).filter((name) => name.toLowerCase().endsWith('.wav')));
  const names = readdirSync(generatedDir)
    .filter((name) => name.toLowerCase().endsWith('.wav'))
    .sort();
  if (names.length === 0)
    throw new CliError('NO_PAIRS', 'no .wav files in the generated directory', generatedDir);
  return names.map((name) => {
    if (!gtNames.has(name)) {
      throw new CliError(
        'NO_PAIRS',
        `no ground-truth file of the same name in ${gtDir}`,
        join(generatedDir, name),
      );
    }
    const pair: AudioPair = {
      gt: name,
      generated: name,
      gtPath: join(gtDir, name),
      generatedPath: join(generatedDir, name),
    };
    if (posesDir === undefined) return pair;
    const posesPath = join(posesDir, `${name.slice(0, -'.wav'.length)}.json`);
    if (!existsSync(posesPath)) {
      throw new CliError(
        'FILE_NOT_FOUND',
        `no pose track for ${join(generatedDir, name)} (--poses-dir)`,
        posesPath,
      );
    }
    return { ...pair, posesPath };
  });
}

function strictScore(score: OnsetFMeasure): StrictScore {
  const { precision, recall, fMeasure, matches, reference, estimated } = score;
  return { precision, recall, fMeasure, matches, reference, estimated };
}

/**
 * The benchmark's rhythm scores over a set of pairs (the authors' scoring code: onsets of each clip,
 * second-wise beat vectors, cover / hit per pair, BCS, CSD, BHS, HSD, F1 over the set), plus the
 * stricter onset F-measure within the tolerance, against the ground truth's onsets and, for pairs with
 * poses, against the visual rhythm's peaks. Each path is analysed once however many pairs use it.
 */
export function scorePairs(pairs: readonly AudioPair[], options: ScorePairsOptions): MetricsReport {
  const { toleranceMs, rhythmVariant = 'paper' } = options;
  const clips = new Map<string, ClipOnsets>(options.clips);
  const clip = (path: string): ClipOnsets => {
    let analysed = clips.get(path);
    if (!analysed) {
      analysed = analyzeClip(path);
      clips.set(path, analysed);
    }
    return analysed;
  };
  const strictScores: OnsetFMeasure[] = [];
  const rhythmScores: OnsetFMeasure[] = [];
  const scored = pairs.map((pair): ScoredPair => {
    const gt = clip(pair.gtPath);
    const generated = clip(pair.generatedPath);
    const { cover, hit } = beatScores(gt.beatsPerSecond, generated.beatsPerSecond);
    const strict = onsetFMeasure(gt.onsetTimes, generated.onsetTimes, { toleranceMs });
    strictScores.push(strict);
    const result: ScoredPair = {
      gt: pair.gt,
      generated: pair.generated,
      cover,
      hit,
      strict: strictScore(strict),
    };
    const { posesPath } = pair;
    if (posesPath === undefined) return result;
    const track = readJsonFile(posesPath);
    const peaks = aboutFile(posesPath, () => visualRhythm(track, { variant: rhythmVariant }).peakTimes);
    const rhythm = onsetFMeasure(peaks, generated.onsetTimes, { toleranceMs });
    rhythmScores.push(rhythm);
    return { ...result, rhythm: strictScore(rhythm) };
  });
  const report: MetricsReport = {
    pairs: scored,
    summary: summarizeBeatScores(scored),
    strict: { ...summarizeOnsetFMeasures(strictScores), toleranceMs },
  };
  if (rhythmScores.length > 0) {
    report.rhythm = { ...summarizeOnsetFMeasures(rhythmScores), toleranceMs, variant: rhythmVariant };
  }
  return report;
}
