// The enums of dataset curation (issue 14), one list of values shared by Postgres, TypeORM and GraphQL.

/** Where a video's ingest stands. */
export enum VideoStatus {
  QUEUED = 'QUEUED',
  INGESTING = 'INGESTING',
  READY = 'READY',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

/** A curator's decision on a segment. */
export enum SegmentReviewStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
}

/** Why a segment was rejected: the paper's manual filter (section 4.1), plus "other" with a note. */
export enum SegmentRejectReason {
  NOISY_AUDIO = 'NOISY_AUDIO',
  VOCALS_OR_COMMENTARY = 'VOCALS_OR_COMMENTARY',
  NO_MUSIC = 'NO_MUSIC',
  MISSING_FRAMES = 'MISSING_FRAMES',
  NO_PERSON = 'NO_PERSON',
  OUT_OF_SYNC = 'OUT_OF_SYNC',
  OTHER = 'OTHER',
}

export enum DatasetSplit {
  TRAIN = 'TRAIN',
  VALID = 'VALID',
  TEST = 'TEST',
}

/**
 * VIDEO keeps every segment of a source video in one split; SEGMENT is the paper's random split; SOURCE
 * takes each segment's source split (the authors' train/test lists it was imported from).
 */
export enum DatasetSplitBy {
  VIDEO = 'VIDEO',
  SEGMENT = 'SEGMENT',
  SOURCE = 'SOURCE',
}

/** Flags the ingest job sets on a segment. */
export const SEGMENT_FLAGS = ['no_person'] as const;
export type SegmentFlag = (typeof SEGMENT_FLAGS)[number];
