import {
  DatasetCategory,
  DatasetSplit,
  DatasetSplitBy,
  DatasetVersionEntity,
  DatasetVersionStats,
  SegmentEntity,
  SegmentRejectReason,
  SegmentReviewStatus,
  VideoEntity,
  VideoStatus,
} from '@loris/db';
import { mediaUrl } from '../soundtracks/soundtrack-job.view';

/** The topic of ingest updates on the job events channel (libs/engine JobEvents). */
export const VIDEO_INGEST_TOPIC = 'video-ingest';

export interface VideoView {
  id: string;
  datasetId: string;
  /** The upload's file name, or an imported segment's name in its source; null when none was given. */
  name: string | null;
  sourceUploadId: string | null;
  /** GET /v1/media/:id of the source video, for the review player. */
  sourceUrl: string | null;
  status: VideoStatus;
  progress: number;
  durationSeconds: number | null;
  fps: number | null;
  width: number | null;
  height: number | null;
  hasAudio: boolean | null;
  failureCode: string | null;
  failureReason: string | null;
  /** Segments written so far. */
  segmentCount: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export function toVideoView(video: VideoEntity, segmentCount: number): VideoView {
  return {
    id: video.id,
    datasetId: video.datasetId,
    name: video.name,
    sourceUploadId: video.sourceArtifactId,
    sourceUrl: video.sourceArtifactId ? mediaUrl(video.sourceArtifactId) : null,
    status: video.status,
    progress: video.progress,
    durationSeconds: video.durationSeconds,
    fps: video.fps,
    width: video.width,
    height: video.height,
    hasAudio: video.hasAudio,
    failureCode: video.failureCode,
    failureReason: video.failureReason,
    segmentCount,
    createdAt: video.createdAt,
    startedAt: video.startedAt,
    finishedAt: video.finishedAt,
  };
}

/** An update as published: dates travel as ISO text and come back as Dates. */
export function parseVideoUpdate(json: string): VideoView {
  const raw = JSON.parse(json) as VideoView & Record<'createdAt' | 'startedAt' | 'finishedAt', string | null>;
  const date = (value: string | null) => (value === null ? null : new Date(value));
  return {
    ...raw,
    createdAt: new Date(raw.createdAt!),
    startedAt: date(raw.startedAt),
    finishedAt: date(raw.finishedAt),
  };
}

export const isVideoFinished = (status: VideoStatus) =>
  status === VideoStatus.READY || status === VideoStatus.FAILED || status === VideoStatus.CANCELLED;

/** One of a segment's files: its artifact id and where GET /v1/media serves it. */
export interface SegmentMedia {
  id: string;
  url: string;
}

const media = (id: string | null): SegmentMedia | null => (id ? { id, url: mediaUrl(id) } : null);

export interface SegmentView {
  id: string;
  datasetId: string;
  videoId: string;
  startSeconds: number;
  lengthSeconds: number;
  category: DatasetCategory;
  genre: string | null;
  status: SegmentReviewStatus;
  reason: SegmentRejectReason | null;
  note: string | null;
  reviewedBy: string | null;
  reviewedByApiKey: string | null;
  reviewedAt: Date | null;
  flags: string[];
  /** The authors' list (or manifest split) an imported segment came from; null for an ingested one. */
  sourceSplit: DatasetSplit | null;
  /** The strict onset F-measure (+-70 ms) of the audio onsets against the visual rhythm; null without rhythm. */
  syncFMeasure: number | null;
  /** The source video, to play from startSeconds. */
  video: SegmentMedia | null;
  audio: SegmentMedia;
  poses: SegmentMedia | null;
  poseFeatures: SegmentMedia | null;
  visualRhythm: SegmentMedia | null;
  onsets: SegmentMedia | null;
  i3dFeatures: SegmentMedia | null;
  thumbnail: SegmentMedia | null;
  createdAt: Date;
}

export function toSegmentView(segment: SegmentEntity, sourceArtifactId: string | null): SegmentView {
  return {
    id: segment.id,
    datasetId: segment.datasetId,
    videoId: segment.videoId,
    startSeconds: segment.startSeconds,
    lengthSeconds: segment.lengthSeconds,
    category: segment.category,
    genre: segment.genre,
    status: segment.status,
    reason: segment.reason,
    note: segment.note,
    reviewedBy: segment.reviewedBy,
    reviewedByApiKey: segment.reviewedByApiKey,
    reviewedAt: segment.reviewedAt,
    flags: segment.flags,
    sourceSplit: segment.sourceSplit,
    syncFMeasure: segment.syncFMeasure,
    video: media(sourceArtifactId),
    audio: media(segment.wavArtifactId)!,
    poses: media(segment.posesArtifactId),
    poseFeatures: media(segment.poseFeaturesArtifactId),
    visualRhythm: media(segment.visualRhythmArtifactId),
    onsets: media(segment.onsetsArtifactId),
    i3dFeatures: media(segment.i3dArtifactId),
    thumbnail: media(segment.thumbnailArtifactId),
    createdAt: segment.createdAt,
  };
}

export interface DatasetVersionView {
  id: string;
  datasetId: string;
  number: number;
  splitSeed: number;
  splitBy: DatasetSplitBy;
  ratios: { train: number; valid: number; test: number };
  stats: DatasetVersionStats;
  frozenAt: Date | null;
  createdAt: Date;
}

export function toDatasetVersionView(version: DatasetVersionEntity): DatasetVersionView {
  return {
    id: version.id,
    datasetId: version.datasetId,
    number: version.number,
    splitSeed: version.splitSeed,
    splitBy: version.splitBy,
    ratios: { train: version.trainRatio, valid: version.validRatio, test: version.testRatio },
    stats: version.stats,
    frozenAt: version.frozenAt,
    createdAt: version.createdAt,
  };
}

export interface VersionSegmentView {
  segmentId: string;
  split: DatasetSplit;
}

/** A segment of a frozen version with the split it was dealt: what an export reads. */
export interface VersionMemberView {
  split: DatasetSplit;
  segment: SegmentView;
}
