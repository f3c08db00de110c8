// Frozen dataset versions for the evaluation suites, written straight into the suite's database (as its
// owner) and blob store: libs/synth examples (a dancer's pose track and its music, 25 s, the paper's length)
// as segments with their ground-truth WAV, pose track and visual rhythm, the way the ingest job stores them.
// Ingesting real footage through the worker (curation's own suites do that) would only make these suites
// minutes slower; what they test starts at a frozen version.
import { Readable } from 'node:stream';
import { Client } from 'pg';
import { detectOnsets, writeWav } from '@loris/audio';
import { visualRhythm } from '@loris/rhythm';
import { LocalBlobStore } from '@loris/storage';
import { generateSynthExample } from '@loris/synth';

export interface SeededSegment {
  genre: string;
  split: 'TRAIN' | 'VALID' | 'TEST';
  seed: number;
  /** The libs/synth genre the example is made as, when `genre` (the label stored) is not one of them. */
  madeAs?: string;
  /** A source video (MP4 bytes) the segment was cut from; none by default (an imported segment). */
  video?: Buffer;
  /** Where in its source video the segment starts; 0 by default. */
  startSeconds?: number;
  /** Its video's name (videos.name, as an upload's file name); none by default. */
  name?: string;
}

export interface SeededVersion {
  datasetId: string;
  versionId: string;
  segmentIds: string[];
  /** What each segment was made from, in segmentIds' order: the pose track as poses.json bytes. */
  poses: Buffer[];
}

/** The blob store of a suite's STORAGE_DIR, as the API and worker open it. */
export function storeAt(storageDir: string): LocalBlobStore {
  return new LocalBlobStore(storageDir);
}

async function artifact(
  owner: Client,
  store: LocalBlobStore,
  tenantId: string,
  kind: string,
  mediaType: string,
  bytes: Uint8Array,
): Promise<string> {
  const blob = await store.put(Readable.from([Buffer.from(bytes)]));
  const { rows } = await owner.query(
    `INSERT INTO artifacts (tenant_id, kind, sha256, bytes, media_type) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [tenantId, kind, blob.sha256, blob.bytes, mediaType],
  );
  return rows[0].id as string;
}

/** A dataset with one version holding `segments`, frozen unless `frozen` is false. */
export async function seedVersion(
  owner: Client,
  store: LocalBlobStore,
  tenantId: string,
  name: string,
  segments: SeededSegment[],
  { frozen = true } = {},
): Promise<SeededVersion> {
  const { rows: datasets } = await owner.query(
    `INSERT INTO datasets (tenant_id, name, category, segment_lengths, pose_fps) VALUES ($1, $2, 'DANCE', '{25}', 30)
     RETURNING id`,
    [tenantId, name],
  );
  const datasetId = datasets[0].id as string;
  const segmentIds: string[] = [];
  const poses: Buffer[] = [];
  const bySplit: Record<string, number> = {};
  for (const segment of segments) {
    const example = generateSynthExample({
      genre: segment.madeAs ?? segment.genre,
      seconds: 25,
      seed: segment.seed,
      fps: 30,
    });
    const track = example.poses;
    const posesJson = Buffer.from(JSON.stringify(track));
    const rhythm = visualRhythm(track, { variant: 'paper' });
    const source = segment.video
      ? await artifact(owner, store, tenantId, 'VIDEO', 'video/mp4', segment.video)
      : null;
    const { rows: videos } = await owner.query(
      `INSERT INTO videos (tenant_id, dataset_id, source_artifact_id, status, progress, name)
       VALUES ($1, $2, $3, 'READY', 1, $4) RETURNING id`,
      [tenantId, datasetId, source, segment.name ?? null],
    );
    const wav = await artifact(
      owner,
      store,
      tenantId,
      'SEGMENT_WAV',
      'audio/wav',
      writeWav({ sampleRate: example.sampleRate, channels: [example.audio] }),
    );
    const posesId = await artifact(owner, store, tenantId, 'SEGMENT_POSES', 'application/json', posesJson);
    const rhythmId = await artifact(
      owner,
      store,
      tenantId,
      'VISUAL_RHYTHM',
      'application/json',
      Buffer.from(JSON.stringify({ variant: rhythm.variant, peakTimes: rhythm.peakTimes })),
    );
    const onsets = await artifact(
      owner,
      store,
      tenantId,
      'AUDIO_ONSETS',
      'application/json',
      Buffer.from(JSON.stringify({ onsetTimes: detectOnsets(example.audio, example.sampleRate).onsetTimes })),
    );
    const { rows } = await owner.query(
      `INSERT INTO segments (tenant_id, video_id, dataset_id, start_seconds, length_seconds, category, genre, status,
         wav_artifact_id, poses_artifact_id, visual_rhythm_artifact_id, onsets_artifact_id)
       VALUES ($1, $2, $3, $9, 25, 'DANCE', $4, 'ACCEPTED', $5, $6, $7, $8) RETURNING id`,
      [
        tenantId,
        videos[0].id,
        datasetId,
        segment.genre,
        wav,
        posesId,
        rhythmId,
        onsets,
        segment.startSeconds ?? 0,
      ],
    );
    segmentIds.push(rows[0].id as string);
    poses.push(posesJson);
    bySplit[segment.split] = (bySplit[segment.split] ?? 0) + 1;
  }
  const { rows: versions } = await owner.query(
    `INSERT INTO dataset_versions (tenant_id, dataset_id, number, split_seed, split_by, train_ratio, valid_ratio,
       test_ratio, stats)
     VALUES ($1, $2, 1, 1, 'SEGMENT', 0.5, 0, 0.5, $3) RETURNING id`,
    [tenantId, datasetId, JSON.stringify({ segments: segments.length, bySplit })],
  );
  const versionId = versions[0].id as string;
  for (const [i, id] of segmentIds.entries()) {
    await owner.query(
      `INSERT INTO dataset_version_segments (version_id, segment_id, tenant_id, split) VALUES ($1, $2, $3, $4)`,
      [versionId, id, tenantId, segments[i].split],
    );
  }
  if (frozen) await owner.query(`UPDATE dataset_versions SET frozen_at = now() WHERE id = $1`, [versionId]);
  return { datasetId, versionId, segmentIds, poses };
}
