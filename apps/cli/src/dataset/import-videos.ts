import { constants } from 'fs';
import { access } from 'fs/promises';
import { basename } from 'path';
import type { LorisApi } from '../api/api-client';

/** What addVideosToDataset takes in one call (libs/domain MAX_VIDEOS_PER_CALL). */
const VIDEOS_PER_CALL = 100;
/** Root fields one GraphQL operation may select (the API's query limit): videos polled per request. */
const VIDEOS_PER_POLL = 20;
const POLL_MS = 1000;

const FINISHED = new Set(['READY', 'FAILED', 'CANCELLED']);

/** One file of an import: how far it got, and why it stopped when it did not get through. */
export interface ImportItem {
  file: string;
  uploadId: string | null;
  videoId: string | null;
  /** UPLOAD_FAILED or NOT_ADDED before the API has a video; then the video's status (QUEUED ... READY). */
  status: string;
  progress: number;
  segments: number;
  error: { code: string; message: string } | null;
}

/** A line of progress for stderr: one file's upload, its addition, or a change in its ingest. */
export type ImportProgress = (item: ImportItem) => void;

/** What the import reads of a video. */
export interface VideoState {
  id: string;
  status: string;
  progress: number;
  segmentCount: number;
  failureCode: string | null;
  failureReason: string | null;
}

export const VIDEO_FIELDS = 'id status progress segmentCount failureCode failureReason';

/** What the API answers per item it was asked to add (a video, or why it was not added). */
export interface AddResult {
  video: VideoState | null;
  error: { code: string; message: string } | null;
}

/** A file or item not uploaded yet: it stays UPLOAD_FAILED unless its upload gets through. */
export const newImportItem = (file: string): ImportItem => ({
  file,
  uploadId: null,
  videoId: null,
  status: 'UPLOAD_FAILED',
  progress: 0,
  segments: 0,
  error: null,
});

/** Did this file fail (refused, or its ingest failed or was cancelled)? */
export const itemFailed = (item: ImportItem) =>
  item.error !== null || item.status === 'FAILED' || item.status === 'CANCELLED';

/**
 * Imports video files into a dataset as the console does: each file streamed to POST /v1/uploads, then
 * the uploads added with addVideosToDataset (one call per 100), which queues one ingest job per video. A
 * file that is refused (not a video, unreadable, too large) gets its error and the others go on. With
 * `wait`, polls the videos until every ingest has ended, reporting each change.
 */
export async function importVideos(
  api: LorisApi,
  datasetId: string,
  files: readonly string[],
  options: { wait: boolean; onProgress: ImportProgress },
): Promise<ImportItem[]> {
  // A mistyped dataset id is refused before gigabytes are uploaded for nothing.
  await api.graphql(`query($id: ID!) { dataset(id: $id) { id } }`, { id: datasetId });
  const items: ImportItem[] = [];
  for (const path of files) {
    const item = await uploadOne(api, path);
    options.onProgress(item);
    items.push(item);
  }
  const uploaded = items.filter((item) => item.uploadId !== null);
  for (let i = 0; i < uploaded.length; i += VIDEOS_PER_CALL) {
    await addToDataset(api, datasetId, uploaded.slice(i, i + VIDEOS_PER_CALL), options.onProgress);
  }
  if (options.wait) await followIngest(api, items, options.onProgress);
  return items;
}

async function uploadOne(api: LorisApi, path: string): Promise<ImportItem> {
  const file = basename(path);
  const item = newImportItem(file);
  try {
    await access(path, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown reason';
    item.error = { code: 'FILE_UNREADABLE', message: `cannot read the file (${code})` };
    return item;
  }
  const outcome = await api.upload(path, file);
  if (outcome.error) {
    item.error = outcome.error;
    return item;
  }
  item.uploadId = outcome.id;
  item.status = 'UPLOADED';
  return item;
}

async function addToDataset(
  api: LorisApi,
  datasetId: string,
  batch: ImportItem[],
  onProgress: ImportProgress,
): Promise<void> {
  const { addVideosToDataset } = await api.graphql<{ addVideosToDataset: AddResult[] }>(
    `mutation($d: ID!, $u: [ID!]!) { addVideosToDataset(datasetId: $d, uploadIds: $u) {
       uploadId video { ${VIDEO_FIELDS} } error { code message } } }`,
    { d: datasetId, u: batch.map((item) => item.uploadId) },
  );
  applyAddResults(batch, addVideosToDataset, onProgress);
}

/** Each item as the API's answer for it says; the API answers one result per item, in the order sent. */
export function applyAddResults(items: ImportItem[], results: AddResult[], onProgress: ImportProgress): void {
  results.forEach((result, i) => {
    const item = items[i];
    if (result.video) applyVideo(item, result.video);
    else {
      item.status = 'NOT_ADDED';
      item.error = result.error;
    }
    onProgress(item);
  });
}

/** An item as its video now stands. */
export function applyVideo(item: ImportItem, video: VideoState): void {
  item.videoId = video.id;
  item.status = video.status;
  item.progress = video.progress;
  item.segments = video.segmentCount;
  item.error =
    video.status === 'FAILED'
      ? { code: video.failureCode ?? 'FAILED', message: video.failureReason ?? '' }
      : null;
}

/** Polls the added videos (20 to a request) until each is READY, FAILED or CANCELLED. */
export async function followIngest(
  api: LorisApi,
  items: ImportItem[],
  onProgress: ImportProgress,
): Promise<void> {
  for (;;) {
    const open = items.filter((item) => item.videoId !== null && !FINISHED.has(item.status));
    if (open.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    for (let i = 0; i < open.length; i += VIDEOS_PER_POLL) {
      const batch = open.slice(i, i + VIDEOS_PER_POLL);
      const variables = Object.fromEntries(batch.map((item, n) => [`v${n}`, item.videoId]));
      const query = `query(${batch.map((_, n) => `$v${n}: ID!`).join(', ')}) {
        ${batch.map((_, n) => `v${n}: video(id: $v${n}) { ${VIDEO_FIELDS} }`).join('\n')} }`;
      const data = await api.graphql<Record<string, VideoState>>(query, variables);
      batch.forEach((item, n) => {
        const before = `${item.status} ${Math.floor(item.progress * 100)}`;
        applyVideo(item, data[`v${n}`]);
        if (`${item.status} ${Math.floor(item.progress * 100)}` !== before) onProgress(item);
      });
    }
  }
}
