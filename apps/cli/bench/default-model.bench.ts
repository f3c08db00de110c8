// `npm run bench:default-model` (issues 5 and 20, "Benchmark"), in the order the card reports it:
// 1. Scores: soundtracks for the test split of a synthetic corpus, scored with `loris metrics` (BCS, CSD,
//    BHS, HSD, F1, the strict onset F-measure against the ground-truth music and against the visual
//    rhythm, and recall against the visual rhythm) in three rows: the model, the model with its rhythm
//    condition replaced by the null condition, and the ground-truth music itself, all rendered as
//    requests are (in windows past the model's window), with the model row's seam score (libs/metrics).
// 2. The real-time factor of each sampler at its default steps, and the ONNX sampler against the
//    trainer's PyTorch reference sampler on the same model and steps.
// 3. The genre table (genre-table.ts): a classifier trained on the corpus's real train-split audio hears
//    the outputs for the same pose tracks under each genre and under the null genre.
// 4. The public-dancer scores (dancer-scores.ts): onsets of soundtracks for the four reference dancers
//    against their own beat grids and the other dancers'.
// The last line is the whole report as JSON. Each part can be skipped (--skip-scores, --skip-rtf,
// --skip-torch, --skip-genre, --skip-dancers); the genre table and the dancers take their own steps.
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, resolve } from 'path';
import { Command } from 'commander';
import { readWav, resample, writeWav } from '@loris/audio';
import {
  conditionsFromPoses,
  encodeConditions,
  generateSoundtrack,
  loadModel,
  type LoadedModel,
  requestLengths,
  renderConditions,
  rhythmContexts,
  SAMPLER_NAMES,
  sampleAudio,
  samplingSettings,
  seamTimes,
  withNullContexts,
  type SamplingSettings,
} from '@loris/inference';
import { SYNTH_VERSION, writeSynthDataset } from '@loris/synth';
import { rhythmPeakTimes, seamReport, type SeamReport } from '../src/analysis/seam-report';
import { dancerScores, formatDancerScores, readDancers } from './dancer-scores';
import { type CorpusEntry, formatGenreTable, genreTable, trainCorpusClassifier } from './genre-table';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const OUTPUT_RATE = 22050;
/** The shared reference dancers, copied byte for byte into libs/rhythm's fixtures (see its LICENSES.md). */
const DANCERS = join(REPO_ROOT, 'libs', 'rhythm', 'fixtures', 'poses.json');

interface BenchOptions {
  model: string;
  manifest?: string;
  corpusSeed: number;
  corpusCount: number;
  seconds: number;
  count: number;
  out?: string;
  torchSteps: number;
  torchCheckpoint?: string;
  skipTorch?: boolean;
  skipScores?: boolean;
  skipRtf?: boolean;
  skipGenre?: boolean;
  skipDancers?: boolean;
  sampler?: string;
  genreTracks: number;
  genreSteps?: number;
  genreFmax: number;
  dancerSteps?: number;
  dancerGenres: string;
}

interface TestExample {
  id: string;
  genre: string;
  poses: unknown;
  posesPath: string;
  audioPath: string;
}

interface MetricsJson {
  summary: { BCS: number; CSD: number | null; BHS: number; HSD: number | null; F1: number };
  strict: { fMeasure: number; meanFMeasure: number };
  rhythm?: { fMeasure: number; meanFMeasure: number; recall: number; meanRecall: number };
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Every entry of the manifest, or of a corpus written here with the given seed, count and length. */
async function readCorpus(options: BenchOptions): Promise<CorpusEntry[]> {
  let manifest = options.manifest;
  if (!manifest) {
    // The synth version is in the name: a corpus written by an older generator is not reused.
    const dir = join(
      REPO_ROOT,
      'tmp',
      `bench-corpus-${SYNTH_VERSION}-${options.corpusSeed}-${options.corpusCount}-${options.seconds}`,
    );
    manifest = join(dir, 'manifest.jsonl');
    if (!existsSync(manifest)) {
      log(`writing a ${options.corpusCount}-example synthetic corpus (seed ${options.corpusSeed}) to ${dir}`);
      await writeSynthDataset(
        { count: options.corpusCount, seconds: options.seconds, seed: options.corpusSeed },
        dir,
      );
    }
  }
  const root = dirname(manifest);
  return readFileSync(manifest, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const entry = JSON.parse(line) as {
        id: string;
        genre: string;
        danceGenre?: string;
        split: string;
        audio: string;
        poses: string;
      };
      const examplePath = join(root, 'examples', `${entry.id}.json`);
      return {
        id: entry.id,
        genre: entry.genre,
        danceGenre: entry.danceGenre ?? entry.genre,
        split: entry.split,
        audioPath: join(root, entry.audio),
        posesPath: join(root, entry.poses),
        ...(existsSync(examplePath) ? { examplePath } : {}),
      };
    });
}

/** The first `count` examples of the test split, with their pose tracks read. */
function testExamples(corpus: readonly CorpusEntry[], count: number): TestExample[] {
  const test = corpus.filter((entry) => entry.split === 'test').slice(0, count);
  if (test.length < count) log(`note: the corpus has only ${test.length} test examples`);
  return test.map((entry) => ({
    id: entry.id,
    genre: entry.genre,
    poses: JSON.parse(readFileSync(entry.posesPath, 'utf8')),
    posesPath: entry.posesPath,
    audioPath: entry.audioPath,
  }));
}

function writeMono(path: string, audio: Float32Array): void {
  writeFileSync(path, writeWav({ sampleRate: OUTPUT_RATE, channels: [audio] }));
}

/** The ground truth at 22050 Hz mono, cut to the scored length. */
function groundTruth(example: TestExample, samples: number): Float32Array {
  const wav = readWav(readFileSync(example.audioPath));
  const mono = wav.channels[0];
  const atRate = wav.sampleRate === OUTPUT_RATE ? mono : resample(mono, wav.sampleRate, OUTPUT_RATE);
  const out = new Float32Array(samples);
  out.set(atRate.subarray(0, samples));
  return out;
}

/**
 * Generates every example with the model and with its rhythm condition nulled, on the path requests
 * take (renderConditions: windows that continue each other past the model's window); writes the WAVs
 * and returns the model row's seam reports.
 */
async function generateRows(
  model: LoadedModel,
  examples: TestExample[],
  dirs: Record<string, string>,
  seconds: number,
) {
  const { contract } = model;
  const ablated = rhythmContexts(contract);
  const seams: SeamReport[] = [];
  let computeMs = 0;
  for (const [i, example] of examples.entries()) {
    const conditions = conditionsFromPoses(contract, example.poses, example.genre, seconds);
    const settings = samplingSettings(contract, { seed: i });
    for (const row of ['model', 'ablation'] as const) {
      const started = performance.now();
      const audio = await renderConditions(model, conditions, settings, {
        ...(row === 'ablation' ? { contexts: (encoded) => withNullContexts(encoded, ablated) } : {}),
      });
      computeMs += performance.now() - started;
      writeMono(join(dirs[row], `${example.id}.wav`), audio);
      const at = seamTimes(contract, conditions.lengths.modelSamples);
      const report =
        row === 'model' && seamReport(audio, OUTPUT_RATE, at, rhythmPeakTimes(contract, conditions));
      if (report) seams.push(report);
    }
    writeMono(join(dirs.gt, `${example.id}.wav`), groundTruth(example, conditions.lengths.outputSamples));
    writeFileSync(join(dirs.poses, `${example.id}.json`), JSON.stringify(example.poses));
    log(`  ${i + 1}/${examples.length} ${example.id} (${example.genre})`);
  }
  return { computeMs, ablated, seams };
}

/** The model row's seams against the points inside its windows, over every example that has seams. */
function seamSummary(reports: SeamReport[]): string {
  if (reports.length === 0) return 'no seams: every example fits one window';
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const seams = reports.reduce((n, r) => n + r.seams.length, 0);
  const within = reports.filter(
    (r) => Math.abs(r.seamChange.mean - r.interiorChange.mean) <= r.interiorChange.sd,
  ).length;
  return (
    `${seams} seams in ${reports.length} examples: spectral change at seams ` +
    `${mean(reports.map((r) => r.seamChange.mean)).toFixed(3)} dB, inside windows ` +
    `${mean(reports.map((r) => r.interiorChange.mean)).toFixed(3)} dB, mean z ` +
    `${mean(reports.map((r) => r.spectralZ)).toFixed(2)}; seams within the interior spread in ${within} of ` +
    `${reports.length}; strict F vs visual rhythm near seams ` +
    `${x100(mean(reports.map((r) => r.rhythmF.nearSeams)))}, away ${x100(mean(reports.map((r) => r.rhythmF.awayFromSeams)))}`
  );
}

function runMetrics(gtDir: string, generatedDir: string, posesDir: string, variant: string): MetricsJson {
  const args = ['metrics', '--gt-dir', gtDir, '--generated-dir', generatedDir, '--poses-dir', posesDir];
  const run = spawnSync(
    process.execPath,
    [join(REPO_ROOT, 'tools', 'bin', 'loris.js'), ...args, '--variant', variant, '--json'],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (run.status !== 0) throw new Error(`loris metrics failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as MetricsJson;
}

const x100 = (v: number | null | undefined): string =>
  v === null || v === undefined ? '-' : (100 * v).toFixed(1);

function scoreTable(rows: [string, MetricsJson][]): string {
  const header = [
    'row',
    'BCS',
    'CSD',
    'BHS',
    'HSD',
    'F1',
    'F(gt music)',
    'F(visual rhythm)',
    'R(visual rhythm)',
  ];
  const lines = rows.map(([name, m]) => [
    name,
    x100(m.summary.BCS),
    x100(m.summary.CSD),
    x100(m.summary.BHS),
    x100(m.summary.HSD),
    x100(m.summary.F1),
    x100(m.strict.fMeasure),
    x100(m.rhythm?.fMeasure),
    x100(m.rhythm?.recall),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c].length)));
  const format = (cells: string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(format)].join('\n');
}

/** Seconds of compute per second of audio for each sampler at its default steps, on one example. */
async function realTimeFactors(model: LoadedModel, example: TestExample, seconds: number) {
  const rows = [];
  for (const sampler of SAMPLER_NAMES) {
    const settings = samplingSettings(model.contract, { sampler });
    const started = performance.now();
    await generateSoundtrack({ model, poses: example.poses, genre: example.genre, seconds, ...settings });
    const ms = performance.now() - started;
    rows.push({ sampler, steps: settings.steps, ms, rtf: ms / 1000 / seconds });
    log(`  ${sampler} ${settings.steps} steps: ${(ms / 1000).toFixed(1)} s`);
  }
  return rows;
}

/** The trainer's PyTorch sampler and the ONNX sampler, same model, steps and length. */
async function torchComparison(model: LoadedModel, options: BenchOptions, work: string) {
  // Without a checkpoint both sides run the tiny config with the same seeded random weights: the same
  // graphs and cost as the trained model, as speed does not depend on the weights.
  const exported = join(work, 'torch-model');
  const args = [
    join(REPO_ROOT, 'apps', 'trainer', 'tools', 'torch_sampler_time.py'),
    ...['--trainer', join(REPO_ROOT, 'apps', 'trainer'), '--seconds', String(options.seconds)],
    ...['--steps', String(options.torchSteps), '--guidance', String(model.contract.sampler.guidanceScale)],
    ...(options.torchCheckpoint
      ? ['--checkpoint', options.torchCheckpoint]
      : ['--config', 'tiny', '--export', exported]),
  ];
  const run = spawnSync('/usr/bin/python3', args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`torch_sampler_time.py failed: ${run.stderr.slice(-2000)}`);
  const onnx = options.torchCheckpoint ? model : await loadModel(exported);
  const torch = JSON.parse(run.stdout.trim().split('\n').pop() as string) as {
    wallMs: number;
    source: string;
    threads: number;
  };
  const lengths = requestLengths(onnx.contract, options.seconds);
  const encode = () =>
    encodeConditions(onnx, {
      visual: new Float32Array(lengths.visualFrames * onnx.contract.visual.dim),
      rhythm: new Float32Array(lengths.rhythmTokens),
      genre: 0,
    });
  const warmUp = {
    seed: 0,
    steps: 1,
    sampler: 'adpm2' as const,
    guidance: onnx.contract.sampler.guidanceScale,
  };
  await sampleAudio(onnx, await encode(), { modelSamples: lengths.modelSamples, settings: warmUp });
  const started = performance.now();
  const contexts = await encode();
  const settings = { ...warmUp, steps: options.torchSteps };
  await sampleAudio(onnx, contexts, { modelSamples: lengths.modelSamples, settings });
  const onnxMs = performance.now() - started;
  if (onnx !== model) await onnx.release();
  return {
    torchMs: torch.wallMs,
    onnxMs,
    speedup: torch.wallMs / onnxMs,
    source: torch.source,
    threads: torch.threads,
  };
}

async function genreSection(
  model: LoadedModel,
  corpus: CorpusEntry[],
  options: BenchOptions,
  work: string,
  settings: (seed: number) => SamplingSettings,
) {
  const labels = model.contract.genres;
  log(`genre classifier on the corpus's real audio (below ${options.genreFmax} Hz)`);
  const classifier = trainCorpusClassifier(corpus, labels, options.genreFmax, log);
  const tracks = corpus.filter((entry) => entry.split === 'test').slice(0, options.genreTracks);
  const { sampler, steps } = settings(0);
  log(`genre table: ${tracks.length} tracks x (${labels.length} genres + null), ${sampler} ${steps} steps`);
  const dir = join(work, 'genre');
  const result = await genreTable(model, tracks, classifier, {
    seconds: options.seconds,
    settings,
    log,
    onOutput: (track, name, audio) => {
      mkdirSync(join(dir, track), { recursive: true });
      writeMono(join(dir, track, `${name}.wav`), audio);
    },
  });
  process.stdout.write(`\n${formatGenreTable(result, classifier, labels)}\n`);
  return {
    ...result,
    classifier: {
      fmax: options.genreFmax,
      trainExamples: classifier.trainExamples,
      testAccuracy: classifier.test.accuracy,
      testExamples: classifier.test.total,
    },
  };
}

async function dancerSection(model: LoadedModel, options: BenchOptions, settings: SamplingSettings) {
  const { genres } = model.contract;
  const asked = options.dancerGenres;
  const chosen =
    asked === 'first' ? [genres[0]] : asked === 'all' ? [...genres] : asked.split(',').map((g) => g.trim());
  const unknown = chosen.filter((g) => !genres.includes(g));
  if (unknown.length) throw new Error(`--dancer-genres: ${unknown.join(', ')} not among the model's genres`);
  const dancers = readDancers(DANCERS);
  log(
    `public dancers: ${dancers.length} x ${chosen.length} genre(s), ${settings.sampler} ${settings.steps} steps`,
  );
  const result = await dancerScores(model, dancers, chosen, settings, log);
  process.stdout.write(`\n${formatDancerScores(result)}\n`);
  return result;
}

export async function main(argv: readonly string[] = process.argv): Promise<void> {
  const program = new Command('bench:default-model')
    .option('--model <dir>', 'model directory', join(REPO_ROOT, 'models', 'default'))
    .option('--manifest <file>', "the corpus's manifest.jsonl (its test split is scored)")
    .option(
      '--corpus-seed <n>',
      'without --manifest: seed of the corpus written for the bench',
      Number,
      20230,
    )
    .option('--corpus-count <n>', 'without --manifest: examples in that corpus (5% are test)', Number, 400)
    .option('--seconds <s>', 'length of each example', Number, 25)
    .option('--count <n>', 'test examples to score', Number, 20)
    .option('--out <dir>', 'keep the WAVs here (default: a temporary folder)')
    .option('--torch-steps <n>', 'sampler steps for the PyTorch comparison', Number, 10)
    .option('--torch-checkpoint <file>', 'the checkpoint the model was exported from, for the PyTorch side')
    .option('--skip-torch', 'skip the PyTorch comparison')
    .option('--skip-scores', 'skip the score table')
    .option('--skip-rtf', 'skip the real-time factor per sampler')
    .option('--skip-genre', 'skip the genre table')
    .option('--skip-dancers', 'skip the public-dancer scores')
    .option('--sampler <name>', "sampler of the genre table and the dancers (default: the card's)")
    .option('--genre-tracks <n>', 'test pose tracks generated under every genre', Number, 5)
    .option(
      '--genre-steps <n>',
      "sampler steps of the genre table (default: the card's or the sampler's)",
      Number,
    )
    .option('--genre-fmax <hz>', "top of the genre classifier's spectrogram", Number, 5000)
    .option(
      '--dancer-steps <n>',
      "sampler steps of the dancers' soundtracks (default: the card's or the sampler's)",
      Number,
    )
    .option(
      '--dancer-genres <list>',
      "genres of the dancers' soundtracks, scores averaged: 'first' (the card's first), 'all', or names separated by commas",
      'first',
    )
    .parse([...argv]);
  const options = program.opts<BenchOptions>();
  const model = await loadModel(options.model);
  const work = options.out ? resolve(options.out) : mkdtempSync(join(tmpdir(), 'loris-bench-'));
  const { contract } = model;
  log(`model ${contract.name} ${contract.version} (${options.model}); work dir ${work}`);
  const corpus = await readCorpus(options);
  const examples = testExamples(corpus, options.count);
  const report: Record<string, unknown> = {
    model: `${contract.name} ${contract.version}`,
    examples: examples.length,
  };

  if (!options.skipScores) {
    const dirs = Object.fromEntries(
      ['gt', 'model', 'ablation', 'poses'].map((name) => [name, join(work, name)]),
    );
    for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
    log(
      `generating ${examples.length} examples x 2 rows (${contract.sampler.name}, ${contract.sampler.steps} steps, guidance ${contract.sampler.guidanceScale})`,
    );
    const { ablated, seams } = await generateRows(model, examples, dirs, options.seconds);
    const variant = contract.rhythm.variant;
    const rows: [string, MetricsJson][] = [
      ['default model', runMetrics(dirs.gt, dirs.model, dirs.poses, variant)],
      [`ablation (null ${ablated.join(', ')})`, runMetrics(dirs.gt, dirs.ablation, dirs.poses, variant)],
      ['ground truth (ceiling)', runMetrics(dirs.gt, dirs.gt, dirs.poses, variant)],
    ];
    process.stdout.write(
      `\nScores x100 over ${examples.length} test examples (strict F: +-70 ms):\n${scoreTable(rows)}\n`,
    );
    const [modelRow, ablationRow] = rows.map(([, m]) => m.rhythm?.fMeasure ?? 0);
    process.stdout.write(
      `F(visual rhythm): model - ablation = ${x100(modelRow - ablationRow)} points (goal >= 10)\n`,
    );
    process.stdout.write(`Seam score (model row): ${seamSummary(seams)}\n`);
    report.scores = Object.fromEntries(rows);
    report.seams = seams;
  }

  if (!options.skipRtf) {
    log('real-time factor per sampler');
    const rtf = await realTimeFactors(model, examples[0], options.seconds);
    process.stdout.write(
      `\nReal-time factor (compute s per audio s, ${options.seconds} s clip, goal < 1):\n`,
    );
    for (const row of rtf)
      process.stdout.write(
        `  ${row.sampler.padEnd(9)} ${String(row.steps).padStart(3)} steps  ${(row.ms / 1000).toFixed(1)} s  RTF ${row.rtf.toFixed(2)}\n`,
      );
    report.realTimeFactor = rtf;
  }

  if (!options.skipTorch) {
    log(`PyTorch reference sampler vs ONNX, ${options.torchSteps} steps`);
    const cmp = await torchComparison(model, options, work);
    process.stdout.write(
      `\nADPM2 ${options.torchSteps} steps, ${options.seconds} s, guidance ${contract.sampler.guidanceScale} (${cmp.source}, torch ${cmp.threads} threads):\n` +
        `  PyTorch ${(cmp.torchMs / 1000).toFixed(1)} s, ONNX (Node) ${(cmp.onnxMs / 1000).toFixed(1)} s: ${cmp.speedup.toFixed(2)}x (goal >= 1.5x)\n`,
    );
    report.torchComparison = cmp;
  }

  const settings = (steps: number | undefined) => (seed: number) =>
    samplingSettings(contract, { seed, sampler: options.sampler, steps });
  if (!options.skipGenre)
    report.genre = await genreSection(model, corpus, options, work, settings(options.genreSteps));
  if (!options.skipDancers) {
    report.dancers = await dancerSection(model, options, settings(options.dancerSteps)(0));
  }
  process.stdout.write(`\n${JSON.stringify(report)}\n`);
  await model.release();
}
