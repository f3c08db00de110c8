import { readdirSync } from 'fs';
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
import { CliError } from '../cli.error';
import { requireDirectory } from '../io/read-input-file';
import { analyzeClip, type ClipOnsets } from './clip-onsets';

/** One (ground truth, generated) pair; the paths are what gets read. */
export interface AudioPair {
  gt: string;
  generated: string;
  gtPath: string;
  generatedPath: string;
}

export interface ScoredPair {
  gt: string;
  generated: string;
  /** BCS of the pair. */
  cover: number;
  /** BHS of the pair. */
  hit: number;
  /** Generated onsets against ground-truth onsets within the tolerance. */
  strict: Pick<OnsetFMeasure, 'precision' | 'recall' | 'fMeasure' | 'matches' | 'reference' | 'estimated'>;
}

/** What `loris metrics --json` prints: scores as fractions (the paper's tables show them x100). */
export interface MetricsReport {
  pairs: ScoredPair[];
  summary: BeatScoreSummary;
  strict: OnsetFMeasureSummary & { toleranceMs: number };
}

/** Pairs from a pairs.json document `[{gt, generated}]` whose names are files in `audioDir`. */
export function pairsFromJson(document: unknown, pairsFile: string, audioDir: string): AudioPair[] {
  requireDirectory(audioDir);
  if (!Array.isArray(document)) {
    throw new CliError('INVALID_PAIRS', 'expected a JSON array of {"gt": ..., "generated": ...}', pairsFile);
  }
  if (document.length === 0) throw new CliError('NO_PAIRS', 'the pairs list is empty', pairsFile);
  return document.map((entry: unknown, i) => {
    const { gt, generated } = (entry ?? {}) as { gt?: unknown; generated?: unknown };
    if (typeof gt !== 'string' || typeof generated !== 'string' || !gt || !generated) {
      throw new CliError(
        'INVALID_PAIRS',
        `pair ${i} must be an object with string fields "gt" and "generated" (file names in ${audioDir})`,
        pairsFile,
      );
    }
    return { gt, generated, gtPath: join(audioDir, gt), generatedPath: join(audioDir, generated) };
  });
}

/** Pairs each .wav of `generatedDir` with the file of the same name in `gtDir`. */
export function pairsFromDirectories(gtDir: string, generatedDir: string): AudioPair[] {
  requireDirectory(gtDir);
  requireDirectory(generatedDir);
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
    return { gt: name, generated: name, gtPath: join(gtDir, name), generatedPath: join(generatedDir, name) };
  });
}

/**
 * The benchmark's rhythm scores over a set of pairs (the authors' scoring code: onsets of each clip,
 * second-wise beat vectors, cover / hit per pair, BCS, CSD, BHS, HSD, F1 over the set), plus the
 * stricter onset F-measure within `toleranceMs`. Each path is analysed once however many pairs use it,
 * by `analyze` (reading the WAV file by default; the benchmark passes one that decodes from memory).
 */
export function scorePairs(
  pairs: readonly AudioPair[],
  toleranceMs: number,
  analyze: (path: string) => ClipOnsets = analyzeClip,
): MetricsReport {
  const clips = new Map<string, ClipOnsets>();
  const clip = (path: string): ClipOnsets => {
    let analysed = clips.get(path);
    if (!analysed) {
      analysed = analyze(path);
      clips.set(path, analysed);
    }
    return analysed;
  };
  const strictScores: OnsetFMeasure[] = [];
  const scored = pairs.map((pair): ScoredPair => {
    const gt = clip(pair.gtPath);
    const generated = clip(pair.generatedPath);
    const { cover, hit } = beatScores(gt.beatsPerSecond, generated.beatsPerSecond);
    const strict = onsetFMeasure(gt.onsetTimes, generated.onsetTimes, { toleranceMs });
    strictScores.push(strict);
    const { precision, recall, fMeasure, matches, reference, estimated } = strict;
    return {
      gt: pair.gt,
      generated: pair.generated,
      cover,
      hit,
      strict: { precision, recall, fMeasure, matches, reference, estimated },
    };
  });
  return {
    pairs: scored,
    summary: summarizeBeatScores(scored),
    strict: { ...summarizeOnsetFMeasures(strictScores), toleranceMs },
  };
}
