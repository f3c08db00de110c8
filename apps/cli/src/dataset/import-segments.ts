import { readFile } from 'fs/promises';
import { basename, extname } from 'path';
import {
  NpyFormatError,
  poseTrackOfNpy,
  readNpy,
  type ImportReading,
  type SegmentImportItem,
} from '@loris/domain/dataset-formats';
import type { LorisApi, UploadOutcome } from '../api/api-client';
import {
  applyAddResults,
  followIngest,
  newImportItem,
  VIDEO_FIELDS,
  type AddResult,
  type ImportItem,
  type ImportProgress,
} from './import-videos';

/** What importSegments takes in one call (libs/domain MAX_VIDEOS_PER_CALL). */
const SEGMENTS_PER_CALL = 100;

/** One item of the importSegments mutation. */
interface SegmentInput {
  name: string;
  lengthSeconds: number;
  audioUploadId: string;
  posesUploadId: string;
  i3dUploadId: string | null;
  genre: string | null;
  sourceSplit: string | null;
}

/**
 * Imports precomputed segments (a LORIS release folder or a training manifest, already read and checked):
 * the items the reading refused are reported as INVALID first; each good item's WAV, poses (a T×17×3 .npy
 * made our {fps, keypoints} JSON) and I3D .npy are uploaded, then the items are given to importSegments
 * (100 to a call), which queues an ingest-segment job for each. An item whose file the API refuses gets
 * its error and the others go on. With `wait`, follows every job to its end.
 */
export async function importSegments(
  api: LorisApi,
  datasetId: string,
  reading: ImportReading,
  options: { wait: boolean; onProgress: ImportProgress },
): Promise<ImportItem[]> {
  // A mistyped dataset id is refused before anything is uploaded for nothing.
  await api.graphql(`query($id: ID!) { dataset(id: $id) { id } }`, { id: datasetId });
  const items: ImportItem[] = [];
  for (const problem of reading.errors) {
    const refused = {
      ...newImportItem(problem.name),
      status: 'INVALID',
      error: { code: 'INVALID_ITEM', message: problem.message },
    };
    options.onProgress(refused);
    items.push(refused);
  }
  const uploaded: { item: ImportItem; input: SegmentInput }[] = [];
  for (const source of reading.items) {
    const done = await uploadParts(api, source);
    options.onProgress(done.item);
    items.push(done.item);
    if (done.input) uploaded.push({ item: done.item, input: done.input });
  }
  for (let i = 0; i < uploaded.length; i += SEGMENTS_PER_CALL) {
    await addToDataset(api, datasetId, uploaded.slice(i, i + SEGMENTS_PER_CALL), options.onProgress);
  }
  if (options.wait) await followIngest(api, items, options.onProgress);
  return items;
}

/** The item's parts uploaded; on the first part the API refuses, the item with that error. */
async function uploadParts(
  api: LorisApi,
  source: SegmentImportItem,
): Promise<{ item: ImportItem; input: SegmentInput | null }> {
  const result = newImportItem(source.name);
  const refused = (outcome: UploadOutcome, part: string) => {
    result.error = outcome.error && {
      code: outcome.error.code,
      message: `its ${part}: ${outcome.error.message}`,
    };
    return { item: result, input: null };
  };
  const audio = await api.upload(source.audioPath, basename(source.audioPath));
  if (!audio.id) return refused(audio, 'audio');
  let poses: UploadOutcome;
  if (extname(source.posesPath).toLowerCase() === '.npy') {
    let track: Uint8Array;
    try {
      const converted = poseTrackOfNpy(readNpy(await readFile(source.posesPath)), source.lengthSeconds);
      track = Buffer.from(JSON.stringify(converted));
    } catch (error) {
      const message = error instanceof NpyFormatError ? error.message : (error as Error).message;
      result.error = {
        code: 'POSES_INVALID',
        message: `its poses ${basename(source.posesPath)}: ${message}`,
      };
      return { item: result, input: null };
    }
    poses = await api.uploadBytes(track, `${basename(source.posesPath, '.npy')}.json`);
  } else {
    poses = await api.upload(source.posesPath, basename(source.posesPath));
  }
  if (!poses.id) return refused(poses, 'poses');
  const i3d = source.i3dPath ? await api.upload(source.i3dPath, basename(source.i3dPath)) : null;
  if (i3d && !i3d.id) return refused(i3d, 'I3D features');
  result.uploadId = audio.id;
  result.status = 'UPLOADED';
  return {
    item: result,
    input: {
      name: source.name,
      lengthSeconds: source.lengthSeconds,
      audioUploadId: audio.id,
      posesUploadId: poses.id,
      i3dUploadId: i3d?.id ?? null,
      genre: source.genre,
      sourceSplit: source.sourceSplit,
    },
  };
}

async function addToDataset(
  api: LorisApi,
  datasetId: string,
  batch: { item: ImportItem; input: SegmentInput }[],
  onProgress: ImportProgress,
): Promise<void> {
  const { importSegments } = await api.graphql<{ importSegments: AddResult[] }>(
    `mutation($d: ID!, $items: [ImportSegmentInput!]!) { importSegments(datasetId: $d, items: $items) {
       name video { ${VIDEO_FIELDS} } error { code message } } }`,
    { d: datasetId, items: batch.map((entry) => entry.input) },
  );
  applyAddResults(
    batch.map((entry) => entry.item),
    importSegments,
    onProgress,
  );
}
