import { detectOnsets } from '@loris/audio';
import type { SoundtrackSync } from '@loris/db';
import { isRawPoseTrack, parsePoseJson } from '@loris/inference';
import { DEFAULT_TOLERANCE_MS, onsetFMeasure } from '@loris/metrics';
import { type RhythmOptions, visualRhythm } from '@loris/rhythm';

export interface SyncInput {
  /** The generated soundtrack, mono. */
  audio: Float32Array;
  sampleRate: number;
  /** The input's pose track {fps, keypoints}: parsed, or poses.json's text or bytes. */
  poses: unknown;
  /** The result's length: visual beats after it have no music to meet. */
  seconds: number;
  /** How the serving model extracts visual rhythm (its card's settings), so the beats are the ones it saw. */
  rhythm: RhythmOptions;
  toleranceMs?: number;
}

// Times are stored to the millisecond: finer than any onset frame (23 ms at 22050 Hz, hop 512), and a
// 25 s job's few hundred times stay a small jsonb value.
const toMs = (seconds: number) => Math.round(seconds * 1000) / 1000;

/**
 * How the result's music meets the input's movement: the onsets of the generated audio (libs/audio, the
 * benchmark's scoring parameters), the peaks of the input's visual rhythm within the result's length
 * (libs/rhythm), and the strict onset F-measure between them (libs/metrics, visual beats as reference,
 * onsets as estimates; the paper's 70 ms window unless told). Pure computation: the worker runs it once,
 * when a job succeeds.
 */
export function measureSync(input: SyncInput): SoundtrackSync {
  const poses = isRawPoseTrack(input.poses) ? parsePoseJson(input.poses) : input.poses;
  const visualBeats = visualRhythm(poses, input.rhythm).peakTimes.filter((time) => time <= input.seconds);
  const { onsetTimes } = detectOnsets(input.audio, input.sampleRate);
  const toleranceMs = input.toleranceMs ?? DEFAULT_TOLERANCE_MS;
  const score = onsetFMeasure(visualBeats, onsetTimes, { toleranceMs });
  return {
    onsets: onsetTimes.map(toMs),
    visualBeats: visualBeats.map(toMs),
    fMeasure: score.fMeasure,
    precision: score.precision,
    recall: score.recall,
    toleranceSeconds: toleranceMs / 1000,
  };
}
