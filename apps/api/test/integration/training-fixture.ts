// A small frozen dataset version for the training suites, made as a curator makes one: a manifest of
// three synthetic 25 s segments (two train, one val; libs/synth music and dancers) imported with
// `loris dataset import`, accepted, and frozen with the manifest's own split (splitBy SOURCE).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeWav } from '@loris/audio';
import { generateSynthExample, SynthGenre } from '@loris/synth';
import { Credentials, gql, ok, runLoris, TestApi } from '../support';

const SEGMENTS: { id: string; genre: SynthGenre; split: 'train' | 'val' | 'test'; seed: number }[] = [
  { id: 'house-a', genre: 'House', split: 'train', seed: 1 },
  { id: 'pop-b', genre: 'Pop', split: 'train', seed: 2 },
  { id: 'lock-c', genre: 'Lock', split: 'val', seed: 3 },
];

/** Writes the manifest folder: manifest.jsonl, audio/<id>.wav and poses/<id>.json. */
export function writeTinyManifest(dir: string, splits = SEGMENTS.map((s) => s.split)): void {
  mkdirSync(join(dir, 'audio'), { recursive: true });
  mkdirSync(join(dir, 'poses'), { recursive: true });
  const lines = SEGMENTS.map((segment, i) => {
    const example = generateSynthExample({ genre: segment.genre, seconds: 25, seed: segment.seed, fps: 16 });
    writeFileSync(
      join(dir, 'audio', `${segment.id}.wav`),
      writeWav({ sampleRate: example.sampleRate, channels: [example.audio] }),
    );
    writeFileSync(join(dir, 'poses', `${segment.id}.json`), JSON.stringify(example.poses));
    return JSON.stringify({
      id: segment.id,
      audio: `audio/${segment.id}.wav`,
      poses: `poses/${segment.id}.json`,
      genre: segment.genre,
      split: splits[i],
      seconds: 25,
    });
  });
  writeFileSync(join(dir, 'manifest.jsonl'), lines.join('\n') + '\n');
}

/** Imports the manifest into a new dataset, accepts every segment and freezes; the version's id. */
export async function freezeTinyVersion(
  api: TestApi,
  curator: Credentials & { apiKey: string },
  dir: string,
  options: { splits?: ('train' | 'val' | 'test')[]; freeze?: boolean } = {},
): Promise<{ datasetId: string; versionId: string | null }> {
  const call = async <T>(query: string, variables: Record<string, unknown> = {}) =>
    ok(await gql<T>(api.graphqlUrl, query, variables, curator));
  const { createDataset } = await call<{ createDataset: { id: string } }>(
    `mutation($n: String!) { createDataset(input: { name: $n, category: DANCE, segmentLengths: [25] }) { id } }`,
    { n: `training ${dir.split('/').pop()}` },
  );
  // After the API calls: synthesis blocks this process (the API's, too) for seconds, and a kept-alive
  // connection the server closes meanwhile would fail the next call with ECONNRESET.
  writeTinyManifest(dir, options.splits);
  const imported = await runLoris(api.baseUrl, curator.apiKey, [
    'dataset',
    'import',
    dir,
    '--dataset',
    createDataset.id,
    '--wait',
  ]);
  if (imported.status !== 0) throw new Error(`import failed:\n${imported.stderr}`);
  const { segments } = await call<{ segments: { edges: { node: { id: string } }[] } }>(
    `query($d: ID!) { segments(datasetId: $d, first: 100) { edges { node { id } } } }`,
    { d: createDataset.id },
  );
  await call(`mutation($ids: [ID!]!) { reviewSegments(input: { ids: $ids, decision: ACCEPT }) { id } }`, {
    ids: segments.edges.map((e) => e.node.id),
  });
  if (options.freeze === false) return { datasetId: createDataset.id, versionId: null };
  const { freezeDatasetVersion } = await call<{ freezeDatasetVersion: { id: string } }>(
    `mutation($d: ID!) { freezeDatasetVersion(datasetId: $d, input: { splitSeed: 1, splitBy: SOURCE }) { id } }`,
    { d: createDataset.id },
  );
  return { datasetId: createDataset.id, versionId: freezeDatasetVersion.id };
}

/** Overrides that make a tiny run take well under a second a step on one core. */
export const FAST_OVERRIDES = [
  { key: 'train.crop_samples', value: '8192' },
  { key: 'train.batch_size', value: '2' },
  { key: 'train.log_every', value: '1' },
  { key: 'train.warmup_steps', value: '1' },
  { key: 'train.val_every', value: '2' },
  { key: 'train.val_batches', value: '1' },
  { key: 'train.checkpoint_every', value: '2' },
  { key: 'train.ema_decay', value: '0' },
];
