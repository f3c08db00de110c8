import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeWav } from '@loris/audio';
import { deriveSeed, SeededRandom } from '../random/seeded-random';
import { genreStyle, SYNTH_GENRES, type SynthGenre } from '../genres/genre-styles';
import {
  checkSeconds,
  checkSeed,
  generateSynthExample,
  SYNTH_VERSION,
  type SynthExample,
  type SynthExampleOptions,
} from '../synth-example';
import { InvalidSynthRequest } from '../synth.errors';
import { encodeNpyFloat32 } from './npy-writer';

export interface SynthExampleFiles {
  poses: Uint8Array;
  music: Uint8Array;
  features: Uint8Array;
  /** example.json: the event score, tempo and seed the files came from. */
  meta: Uint8Array;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** The example's score as written to example.json (times in seconds, rounded to the microsecond). */
function describe(example: SynthExample, id?: string): object {
  const { score } = example;
  return {
    ...(id ? { id } : {}),
    version: example.version,
    genre: example.genre,
    // Only where it differs, so the files of an example without a dance genre keep their bytes.
    ...(example.danceGenre !== example.genre ? { danceGenre: example.danceGenre } : {}),
    seed: example.seed,
    seconds: example.seconds,
    sampleRate: example.sampleRate,
    fps: example.poses.fps,
    frames: example.poses.keypoints.length,
    featureKind: example.features.kind,
    bpm: score.bpm,
    swing: round6(score.swing),
    keyRoot: score.keyRoot,
    bars: score.bars.map((b) => ({ start: round6(b.start), rest: b.rest, chord: b.chord })),
    accents: score.accents.map((a) => ({
      time: round6(a.time),
      kinds: a.kinds,
      strength: round6(a.strength),
    })),
  };
}

/** The bytes of each file of an example; the same request gives the same bytes. */
export function encodeSynthExample(example: SynthExample, id?: string): SynthExampleFiles {
  const text = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value)}\n`);
  const { features } = example;
  return {
    poses: text({ fps: example.poses.fps, keypoints: example.poses.keypoints }),
    music: writeWav({ sampleRate: example.sampleRate, channels: [example.audio] }, 'pcm16'),
    features: encodeNpyFloat32(features.data, [features.frames, features.dims]),
    meta: text(describe(example, id)),
  };
}

export interface WrittenSynthExample {
  dir: string;
  genre: SynthGenre;
  danceGenre: SynthGenre;
  seed: number;
  seconds: number;
  bpm: number;
  accents: number;
  files: { poses: string; music: string; features: string; example: string };
}

/** Writes poses.json, music.wav (22050 Hz mono 16-bit), features.npy and example.json into `outDir`. */
export async function writeSynthExample(
  options: SynthExampleOptions,
  outDir: string,
): Promise<WrittenSynthExample> {
  const example = generateSynthExample(options);
  const bytes = encodeSynthExample(example);
  await mkdir(outDir, { recursive: true });
  const files = {
    poses: join(outDir, 'poses.json'),
    music: join(outDir, 'music.wav'),
    features: join(outDir, 'features.npy'),
    example: join(outDir, 'example.json'),
  };
  await writeFile(files.poses, bytes.poses);
  await writeFile(files.music, bytes.music);
  await writeFile(files.features, bytes.features);
  await writeFile(files.example, bytes.meta);
  return {
    dir: outDir,
    genre: example.genre,
    danceGenre: example.danceGenre,
    seed: example.seed,
    seconds: example.seconds,
    bpm: example.score.bpm,
    accents: example.score.accents.length,
    files,
  };
}

export type Split = 'train' | 'val' | 'test';

/**
 * The seeded 90/5/5 split (shared-formats.md): indices shuffled by the dataset seed, the first
 * round(5%) are test, the next round(5%) val, the rest train. Returned in index order.
 */
export function splitAssignments(count: number, seed: number): Split[] {
  const order = new SeededRandom(seed, 'split').shuffle(Array.from({ length: count }, (_, i) => i));
  const held = Math.round(0.05 * count);
  const splits: Split[] = new Array(count);
  order.forEach((index, rank) => {
    splits[index] = rank < held ? 'test' : rank < 2 * held ? 'val' : 'train';
  });
  return splits;
}

export interface SynthDatasetOptions {
  count: number;
  seconds: number;
  seed: number;
  /** Genres to cycle through (example i gets genres[i % n]); default all ten. */
  genres?: readonly string[];
  fps?: number;
  /**
   * The share of examples, in [0, 1], whose dancer moves in another of `genres`' styles than its music
   * (drawn per example from the dataset seed; default 0). Dance style otherwise gives the genre away, and
   * a model trained only on matched pairs can ignore its genre condition.
   */
  crossGenre?: number;
  /** Called after each example is on disk. */
  onProgress?: (progress: { done: number; total: number; id: string; split: Split }) => void;
}

export interface ManifestEntry {
  id: string;
  audio: string;
  poses: string;
  features: string;
  rhythm: null;
  genre: SynthGenre;
  /** Present where the dancer moves in another genre's style than the music's. */
  danceGenre?: SynthGenre;
  split: Split;
  seconds: number;
  fps: number;
  sampleRate: number;
}

export interface WrittenSynthDataset {
  dir: string;
  manifest: string;
  count: number;
  splits: Record<Split, number>;
  genres: SynthGenre[];
  /** The share asked for, and how many examples' dancers follow another genre. */
  crossGenre: number;
  crossGenreExamples: number;
}

function checkCrossGenre(share: number | undefined): number {
  const value = share ?? 0;
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new InvalidSynthRequest('SYNTH_BAD_CROSS_GENRE', `crossGenre must be in [0, 1], got ${share}`);
  }
  return value;
}

/**
 * The genre example i's dancer follows: its music's unless a draw from the dataset seed falls under
 * `share`, then one of the other genres. With share 0 nothing is drawn, so such a corpus keeps its bytes.
 */
function danceGenreOf(genre: SynthGenre, genres: SynthGenre[], share: number, seed: number, i: number) {
  const others = genres.filter((g) => g !== genre);
  if (share === 0 || others.length === 0) return genre;
  const rng = new SeededRandom(seed, `dance-genre/${i}`);
  return rng.chance(share) ? rng.pick(others) : genre;
}

function checkCount(count: number): number {
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000) {
    throw new InvalidSynthRequest(
      'SYNTH_BAD_COUNT',
      `count must be an integer in [1, 1000000], got ${count}`,
    );
  }
  return count;
}

/**
 * Writes a corpus in the trainer's manifest format: audio/, poses/, features/ and examples/ (the
 * example.json of each), manifest.jsonl (one entry per example, paths relative to `outDir`) and
 * dataset.json (how it was made). Example i draws its seed from (seed, i), so a corpus's first N
 * examples do not depend on its count.
 */
export async function writeSynthDataset(
  options: SynthDatasetOptions,
  outDir: string,
): Promise<WrittenSynthDataset> {
  const count = checkCount(options.count);
  const seconds = checkSeconds(options.seconds);
  const seed = checkSeed(options.seed);
  const genres = (options.genres?.length ? options.genres : SYNTH_GENRES).map((g) => genreStyle(g).genre);
  const crossGenre = checkCrossGenre(options.crossGenre);
  const splits = splitAssignments(count, seed);
  for (const folder of ['audio', 'poses', 'features', 'examples'])
    await mkdir(join(outDir, folder), { recursive: true });

  const lines: string[] = [];
  let crossGenreExamples = 0;
  for (let i = 0; i < count; i++) {
    const genre = genres[i % genres.length];
    const danceGenre = danceGenreOf(genre, genres, crossGenre, seed, i);
    if (danceGenre !== genre) crossGenreExamples++;
    const id = `synth-${genreStyle(genre).slug}-${String(i).padStart(6, '0')}`;
    const example = generateSynthExample({
      genre,
      danceGenre,
      seconds,
      seed: deriveSeed(seed, 'example', i),
      fps: options.fps,
    });
    const bytes = encodeSynthExample(example, id);
    const entry: ManifestEntry = {
      id,
      audio: `audio/${id}.wav`,
      poses: `poses/${id}.json`,
      features: `features/${id}.npy`,
      rhythm: null,
      genre,
      ...(danceGenre !== genre ? { danceGenre } : {}),
      split: splits[i],
      seconds,
      fps: example.poses.fps,
      sampleRate: example.sampleRate,
    };
    await writeFile(join(outDir, entry.audio), bytes.music);
    await writeFile(join(outDir, entry.poses), bytes.poses);
    await writeFile(join(outDir, entry.features), bytes.features);
    await writeFile(join(outDir, 'examples', `${id}.json`), bytes.meta);
    lines.push(JSON.stringify(entry));
    options.onProgress?.({ done: i + 1, total: count, id, split: splits[i] });
  }
  const manifest = join(outDir, 'manifest.jsonl');
  await writeFile(manifest, `${lines.join('\n')}\n`);
  const tally = { train: 0, val: 0, test: 0 };
  for (const s of splits) tally[s]++;
  const summary = {
    version: SYNTH_VERSION,
    seed,
    count,
    seconds,
    fps: options.fps ?? 30,
    genres,
    ...(crossGenre > 0 ? { crossGenre } : {}),
    splits: tally,
  };
  await writeFile(join(outDir, 'dataset.json'), `${JSON.stringify(summary)}\n`);
  return { dir: outDir, manifest, count, splits: tally, genres, crossGenre, crossGenreExamples };
}
