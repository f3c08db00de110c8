// The public-dancer scores of bench:default-model (issue 20, "Rhythm"): the four reference dancers
// (libs/rhythm/fixtures/poses.json, a copy of the shared fixture; the model never trained on them), each
// moving with an accent right after every beat of a known tempo. A soundtrack is generated for each,
// and its librosa-equal onsets (as `loris metrics` finds them) are scored with the strict +-70 ms F
// against the dancer's own beat grid and against the other dancers' grids: the margin between the two
// is how much of the onsets' agreement comes from following this dancer rather than from being dense.
import { readFileSync } from 'fs';
import { detectOnsets } from '@loris/audio';
import {
  conditionsFromPoses,
  type LoadedModel,
  renderConditions,
  rhythmOptions,
  type SamplingSettings,
} from '@loris/inference';
import { onsetFMeasure } from '@loris/metrics';
import { visualRhythm } from '@loris/rhythm';
import { formatTable } from '../src/output/table.output';

const TOLERANCE_MS = 70;

interface Dancer {
  name: string;
  fps: number;
  bpm: number;
  keypoints: number[][][];
  seconds: number;
}

export interface DancerScore {
  dancer: string;
  bpm: number;
  seconds: number;
  /**
   * How the track's own visual rhythm peaks (the model's rhythm condition) sit on its beat grid: their
   * strict F against it, the share of beats with a peak within the tolerance, and the median offset of
   * each beat's nearest peak.
   */
  rhythmPeaks: { count: number; fOnGrid: number; beatsWithPeak: number; medianOffsetMs: number };
  /** Onsets of the soundtrack (mean over the genres generated). */
  onsets: number;
  ownF: number;
  othersF: number;
  margin: number;
}

export interface DancerScores {
  genres: string[];
  settings: Pick<SamplingSettings, 'sampler' | 'steps' | 'guidance'>;
  dancers: DancerScore[];
  meanOwnF: number;
  meanMargin: number;
}

/** The dancers of a reference poses.json: `{ <name>: { fps, bpm, keypoints } }`. */
export function readDancers(path: string): Dancer[] {
  const document = JSON.parse(readFileSync(path, 'utf8')) as Record<
    string,
    { fps: number; bpm: number; keypoints: number[][][] }
  >;
  return Object.entries(document).map(([name, { fps, bpm, keypoints }]) => ({
    name,
    fps,
    bpm,
    keypoints,
    seconds: keypoints.length / fps,
  }));
}

/** k * 60 / bpm for k >= 0, below `seconds`: the fixture's accents follow the beats from t = 0. */
export function beatGrid(bpm: number, seconds: number): number[] {
  const period = 60 / bpm;
  return Array.from({ length: Math.ceil(seconds / period) }, (_, k) => k * period).filter((t) => t < seconds);
}

const below = (times: readonly number[], seconds: number) => times.filter((t) => t < seconds);

/** Median over the grid's beats of (nearest time - beat), ms. */
function medianOffsetMs(times: readonly number[], grid: readonly number[]): number {
  if (times.length === 0) return 0;
  const offsets = grid
    .map((beat) =>
      times.reduce((best, t) => (Math.abs(t - beat) < Math.abs(best) ? t - beat : best), Infinity),
    )
    .map((offset) => 1000 * offset)
    .sort((a, b) => a - b);
  return offsets[Math.floor(offsets.length / 2)];
}

/** Generates each dancer's soundtrack under each of `genres` and scores its onsets against the grids. */
export async function dancerScores(
  model: LoadedModel,
  dancers: readonly Dancer[],
  genres: readonly string[],
  settings: SamplingSettings,
  log: (line: string) => void,
): Promise<DancerScores> {
  const { contract } = model;
  const grids = dancers.map((d) => beatGrid(d.bpm, d.seconds));
  const scores: DancerScore[] = [];
  for (const [i, dancer] of dancers.entries()) {
    const track = { fps: dancer.fps, keypoints: dancer.keypoints };
    const peaks = visualRhythm(track, rhythmOptions(contract.rhythm)).peakTimes;
    const onGrid = onsetFMeasure(grids[i], peaks, { toleranceMs: TOLERANCE_MS });
    let onsets = 0;
    let ownF = 0;
    let othersF = 0;
    for (const genre of genres) {
      const conditions = conditionsFromPoses(contract, track, genre, dancer.seconds);
      const audio = await renderConditions(model, conditions, settings);
      const times = detectOnsets(audio, contract.outputSampleRate).onsetTimes;
      onsets += times.length / genres.length;
      ownF += onsetFMeasure(grids[i], times, { toleranceMs: TOLERANCE_MS }).fMeasure / genres.length;
      // Against each other dancer's grid over the length both clips have.
      const others = dancers
        .map((other, j) => {
          if (j === i) return null;
          const seconds = Math.min(dancer.seconds, other.seconds);
          return onsetFMeasure(below(grids[j], seconds), below(times, seconds), { toleranceMs: TOLERANCE_MS })
            .fMeasure;
        })
        .filter((f): f is number => f !== null);
      othersF += others.reduce((a, b) => a + b, 0) / others.length / genres.length;
    }
    scores.push({
      dancer: dancer.name,
      bpm: dancer.bpm,
      seconds: dancer.seconds,
      rhythmPeaks: {
        count: peaks.length,
        fOnGrid: onGrid.fMeasure,
        beatsWithPeak: onGrid.recall,
        medianOffsetMs: medianOffsetMs(peaks, grids[i]),
      },
      onsets,
      ownF,
      othersF,
      margin: ownF - othersF,
    });
    log(
      `  ${dancer.name} (${dancer.bpm} BPM, ${dancer.seconds} s): own F ${ownF.toFixed(3)}, others ${othersF.toFixed(3)}`,
    );
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return {
    genres: [...genres],
    settings: { sampler: settings.sampler, steps: settings.steps, guidance: settings.guidance },
    dancers: scores,
    meanOwnF: mean(scores.map((s) => s.ownF)),
    meanMargin: mean(scores.map((s) => s.margin)),
  };
}

const x100 = (v: number) => 100 * v;

export function formatDancerScores(result: DancerScores): string {
  const { sampler, steps, guidance } = result.settings;
  const rows = result.dancers.map((d) => [
    d.dancer,
    d.bpm,
    d.seconds,
    d.rhythmPeaks.count,
    x100(d.rhythmPeaks.fOnGrid),
    x100(d.rhythmPeaks.beatsWithPeak),
    Math.round(d.rhythmPeaks.medianOffsetMs),
    Math.round(d.onsets),
    x100(d.ownF),
    x100(d.othersF),
    x100(d.margin),
  ]);
  return [
    `Public dancers (strict F x100 against beat grids k*60/bpm, +-${TOLERANCE_MS} ms; ${result.genres.length === 1 ? result.genres[0] : `mean of ${result.genres.length} genres`}; ` +
      `${sampler}, ${steps} steps, guidance ${guidance}):`,
    formatTable(
      [
        'dancer',
        'bpm',
        's',
        'rhythm peaks',
        'F(peaks, grid)',
        'beats with a peak %',
        'nearest peak ms',
        'onsets',
        'F(own grid)',
        'F(others)',
        'margin',
      ],
      rows,
      { decimals: 1 },
    ),
    `mean F(own grid) ${x100(result.meanOwnF).toFixed(1)} (goal >= 55), mean margin ${x100(result.meanMargin).toFixed(1)} points (goal >= 25)`,
  ].join('\n');
}
