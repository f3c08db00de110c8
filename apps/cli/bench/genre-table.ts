// The genre table of bench:default-model (issue 20, "Genre"): whether the genre a request names can be
// heard. A classifier is trained on the corpus's real audio (its train split) and scored on its test
// split (the ceiling); then the same pose tracks are generated under each of the model's genres, and
// once more with the genre replaced by its learned null condition, and every output is classified.
// The pose track, the seed and everything but the genre stay fixed, so the dance (which also differs
// per genre in the corpus) cannot be what the classifier hears.
import { readFileSync } from 'fs';
import { downmixToMono, readWav } from '@loris/audio';
import {
  conditionsFromPoses,
  type LoadedModel,
  type ModelContract,
  renderConditions,
  type SamplingSettings,
  withNullContexts,
} from '@loris/inference';
import {
  genreConfusion,
  trainGenreClassifier,
  type GenreClassifier,
  type GenreConfusion,
} from '@loris/metrics';
import {
  composeScore,
  genreStyle,
  renderMusic,
  SeededRandom,
  SYNTH_GENRES,
  SYNTH_SAMPLE_RATE,
} from '@loris/synth';
import { GenreAudioAnalyzer } from '../src/analysis/genre-audio';
import { formatTable } from '../src/output/table.output';

export interface CorpusEntry {
  id: string;
  /** The music's genre. */
  genre: string;
  /** The genre whose style the dancer moves in (the manifest's danceGenre where it differs). */
  danceGenre: string;
  split: string;
  audioPath: string;
  posesPath: string;
  /** examples/<id>.json of a synthetic corpus (its tempo), when there is one. */
  examplePath?: string;
}

export interface CorpusClassifier {
  classifier: GenreClassifier;
  analyzer: GenreAudioAnalyzer;
  trainExamples: number;
  /** The test split's real audio: what the classifier can do at best. */
  test: GenreConfusion;
}

export interface GenreTableResult {
  tracks: { id: string; genre: string; danceGenre: string }[];
  settings: Pick<SamplingSettings, 'sampler' | 'steps' | 'guidance'>;
  /** Requested genre against the genre heard, over every track. */
  confusion: GenreConfusion;
  /**
   * The same with each track's ten outputs shifted so that their mean is the training audio's mean: what
   * all of a track's outputs share (the model's own sound, which may sit far from any real genre, and
   * the dance) is taken out, and what is left is how the outputs differ with the genre. A model that
   * ignores the genre is at chance here too.
   */
  centredConfusion: GenreConfusion;
  /** Mean probability the classifier gives the requested genre. */
  meanRequestedProbability: number;
  /**
   * The null-genre outputs scored against each requested genre in turn. One output per track answers all
   * ten requests, so this is the accuracy of a label that changes nothing: chance, by construction.
   */
  nullAccuracy: number;
  /** Null-genre outputs heard as the genre the track was danced to (what the poses alone convey). */
  nullHeardAsDance: number;
  /** Outputs for another genre than the dance's heard as the dance's genre instead. */
  otherRequestsHeardAsDance: number;
  /**
   * The same tracks' real music rendered in every genre at the track's own tempo, as heard and
   * track-centred (null: the corpus gives no tempo, or the model's genres are not the synthetic ones).
   */
  fixedTempoCeiling: { confusion: GenreConfusion; centred: GenreConfusion } | null;
}

/** The contexts that carry the genre (docs/model-contract.md: `genre_context`). */
export function genreContexts(contract: ModelContract): string[] {
  return contract.contexts.filter((name) => name.startsWith('genre'));
}

function labelIndex(labels: readonly string[], genre: string, what: string): number {
  const index = labels.indexOf(genre);
  if (index < 0) throw new Error(`${what}: genre "${genre}" is not one of the model's genres`);
  return index;
}

function readMono(path: string): { samples: Float32Array; sampleRate: number } {
  const wav = readWav(readFileSync(path));
  return { samples: downmixToMono(wav.channels), sampleRate: wav.sampleRate };
}

/** Trains the classifier on the train split's audio and scores it on the test split's. */
export function trainCorpusClassifier(
  entries: readonly CorpusEntry[],
  labels: readonly string[],
  fmax: number,
  log: (line: string) => void,
): CorpusClassifier {
  const analyzer = new GenreAudioAnalyzer({ fmax });
  const featuresOf = (split: string) =>
    entries
      .filter((entry) => entry.split === split)
      .map((entry) => {
        const { samples, sampleRate } = readMono(entry.audioPath);
        return {
          values: analyzer.features(samples, sampleRate).values,
          label: labelIndex(labels, entry.genre, entry.audioPath),
        };
      });
  const train = featuresOf('train');
  if (train.length < 2 * labels.length) {
    throw new Error(
      `the corpus's train split has ${train.length} examples; the genre classifier needs 2 per genre`,
    );
  }
  log(`  classifier: ${train.length} train examples`);
  const classifier = trainGenreClassifier(
    train.map((t) => t.values),
    train.map((t) => t.label),
    labels,
  );
  const test = featuresOf('test');
  return {
    classifier,
    analyzer,
    trainExamples: train.length,
    test: genreConfusion(
      labels.length,
      test.map((t) => t.label),
      test.map((t) => classifier.predict(t.values).index),
    ),
  };
}

/**
 * Real music of every genre at each track's own tempo (the synthetic score and renderer with the
 * genre's tempo range narrowed to that tempo), classified: the ceiling for outputs that share a tempo.
 */
function fixedTempoCeiling(
  tracks: readonly CorpusEntry[],
  labels: readonly string[],
  seconds: number,
  { classifier, analyzer }: CorpusClassifier,
): GenreTableResult['fixedTempoCeiling'] {
  if (!labels.every((genre) => (SYNTH_GENRES as readonly string[]).includes(genre))) return null;
  const requested: number[] = [];
  const heard: number[] = [];
  const heardCentred: number[] = [];
  for (const [i, track] of tracks.entries()) {
    if (!track.examplePath) return null;
    const { bpm } = JSON.parse(readFileSync(track.examplePath, 'utf8')) as { bpm?: number };
    if (typeof bpm !== 'number') return null;
    const rows: Float64Array[] = [];
    for (const genre of labels) {
      const base = genreStyle(genre);
      const style = { ...base, groove: { ...base.groove, bpm: [bpm, bpm] as const } };
      const stream = (name: string) => new SeededRandom(i, `fixed-tempo/${style.slug}/${name}`);
      const audio = renderMusic(
        composeScore(style, seconds, stream('score')),
        style,
        stream('audio'),
        SYNTH_SAMPLE_RATE,
      );
      rows.push(analyzer.features(audio, SYNTH_SAMPLE_RATE).values);
    }
    rows.forEach((row, label) => {
      requested.push(label);
      heard.push(classifier.predict(row).index);
    });
    heardCentred.push(...centredPredictions(classifier, rows));
  }
  return {
    confusion: genreConfusion(labels.length, requested, heard),
    centred: genreConfusion(labels.length, requested, heardCentred),
  };
}

/**
 * A track's outputs, one per genre in label order, shifted together so that their mean is the training
 * features' mean (see GenreTableResult.centredConfusion), then classified.
 */
function centredPredictions(classifier: GenreClassifier, rows: readonly Float64Array[]): number[] {
  const shift = Float64Array.from(classifier.featureMean);
  for (const row of rows) for (let j = 0; j < shift.length; j++) shift[j] -= row[j] / rows.length;
  return rows.map((row) => classifier.predict(row.map((v, j) => v + shift[j])).index);
}

/** Generates every track under every genre and under the null genre, and classifies the outputs. */
export async function genreTable(
  model: LoadedModel,
  tracks: readonly CorpusEntry[],
  corpus: CorpusClassifier,
  options: {
    seconds: number;
    settings: (seed: number) => SamplingSettings;
    log: (line: string) => void;
    /** Each output, named by its genre (or "null"), to keep for listening. */
    onOutput?: (track: string, name: string, audio: Float32Array) => void;
  },
): Promise<GenreTableResult> {
  const { contract } = model;
  const labels = contract.genres;
  const nulled = genreContexts(contract);
  if (nulled.length === 0)
    throw new Error(`model ${contract.name} has no genre context to replace by its null`);
  const { classifier } = corpus;
  const features = (track: string, name: string, audio: Float32Array) => {
    options.onOutput?.(track, name, audio);
    return corpus.analyzer.features(audio, contract.outputSampleRate).values;
  };
  const requested: number[] = [];
  const heard: number[] = [];
  const heardCentred: number[] = [];
  const nullRequested: number[] = [];
  const nullHeard: number[] = [];
  let requestedProbability = 0;
  let nullHeardAsDance = 0;
  let otherRequests = 0;
  let otherHeardAsDance = 0;
  for (const [i, track] of tracks.entries()) {
    const poses = JSON.parse(readFileSync(track.posesPath, 'utf8')) as unknown;
    const dance = labelIndex(labels, track.danceGenre, track.posesPath);
    const settings = options.settings(i);
    const rows: Float64Array[] = [];
    for (const genre of labels) {
      const conditions = conditionsFromPoses(contract, poses, genre, options.seconds);
      rows.push(features(track.id, fileName(genre), await renderConditions(model, conditions, settings)));
    }
    rows.forEach((row, label) => {
      const prediction = classifier.predict(row);
      requested.push(label);
      heard.push(prediction.index);
      requestedProbability += prediction.probabilities[label];
      if (label !== dance) {
        otherRequests++;
        if (prediction.index === dance) otherHeardAsDance++;
      }
    });
    heardCentred.push(...centredPredictions(classifier, rows));

    const conditions = conditionsFromPoses(contract, poses, track.genre, options.seconds);
    const nullAudio = await renderConditions(model, conditions, settings, {
      contexts: (encoded) => withNullContexts(encoded, nulled),
    });
    const heardNull = classifier.predict(features(track.id, 'null', nullAudio)).index;
    // The one null output answers every request: scored against each of them in turn.
    for (const label of labels.keys()) {
      nullRequested.push(label);
      nullHeard.push(heardNull);
    }
    if (heardNull === dance) nullHeardAsDance++;
    options.log(
      `  ${i + 1}/${tracks.length} ${track.id} (danced as ${track.danceGenre}): null heard as ${labels[heardNull]}`,
    );
  }
  return {
    tracks: tracks.map(({ id, genre, danceGenre }) => ({ id, genre, danceGenre })),
    settings: options.settings(0),
    confusion: genreConfusion(labels.length, requested, heard),
    centredConfusion: genreConfusion(labels.length, requested, heardCentred),
    meanRequestedProbability: requestedProbability / requested.length,
    nullAccuracy: genreConfusion(labels.length, nullRequested, nullHeard).accuracy,
    nullHeardAsDance: nullHeardAsDance / tracks.length,
    otherRequestsHeardAsDance: otherRequests ? otherHeardAsDance / otherRequests : 0,
    fixedTempoCeiling: fixedTempoCeiling(tracks, labels, options.seconds, corpus),
  };
}

const fileName = (genre: string) => genre.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** A share as a percentage for the table (a number, so it is right-aligned), '-' for none. */
const share = (v: number | null) => (v === null ? '-' : 100 * v);
const pct = (v: number | null) => (v === null ? '-' : (100 * v).toFixed(0));

/** The confusion table (rows requested, columns heard) with each genre's accuracy, and the summary lines. */
export function formatGenreTable(
  result: GenreTableResult,
  corpus: CorpusClassifier,
  labels: readonly string[],
): string {
  const { confusion, centredConfusion: centred } = result;
  const headers = ['requested \\ heard', ...labels.map((_, k) => String(k)), 'acc %', 'centred acc %'];
  const rows = labels.map((genre, k) => [
    `${k} ${genre}`,
    ...confusion.counts[k],
    share(confusion.perClass[k]),
    share(centred.perClass[k]),
  ]);
  const ceiling = result.fixedTempoCeiling;
  const { sampler, steps, guidance } = result.settings;
  return [
    `Genre table: ${result.tracks.length} pose tracks x ${labels.length} genres (${sampler}, ${steps} steps, guidance ${guidance}); ` +
      `classifier below ${corpus.analyzer.fmax} Hz, trained on ${corpus.trainExamples} real train clips:`,
    formatTable(headers, rows, { decimals: 0 }),
    `accuracy ${pct(confusion.accuracy)}% (chance ${pct(confusion.chance)}%), mean p(requested) ${pct(result.meanRequestedProbability)}%; ` +
      `track-centred (what a track's ten outputs share taken out) ${pct(centred.accuracy)}%`,
    `null genre: ${pct(result.nullAccuracy)}% of the requests (one output answers all ten: chance by construction); ` +
      `heard as the dance's own genre in ${pct(result.nullHeardAsDance)}% of tracks`,
    `requests for another genre than the dance's heard as the dance's genre: ${pct(result.otherRequestsHeardAsDance)}%`,
    `ceilings: real test-split audio ${pct(corpus.test.accuracy)}% (${corpus.test.total} clips)` +
      (ceiling
        ? `; real music of every genre at each track's own tempo ${pct(ceiling.confusion.accuracy)}%, ` +
          `track-centred ${pct(ceiling.centred.accuracy)}% (${ceiling.confusion.total} clips)`
        : ''),
  ].join('\n');
}
