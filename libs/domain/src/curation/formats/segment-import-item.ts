// What an import of precomputed segments (a LORIS release folder or our training manifest) reads from
// disk, before anything is uploaded: one item per segment, or the reason an item cannot be imported.

/** The authors' list (or manifest split) a segment came from; VALID only from our own manifests. */
export type SourceSplit = 'TRAIN' | 'VALID' | 'TEST';

/** One segment to import: its files on disk and what is known of it. */
export interface SegmentImportItem {
  /** Its name in the source (the files' stem, or the manifest's id), shown as the video's name. */
  name: string;
  /** 25 or 50. */
  lengthSeconds: number;
  audioPath: string;
  /** T×17×3 .npy (the release) or {fps, keypoints} .json (a manifest). */
  posesPath: string;
  i3dPath: string | null;
  /** One of our genres (translated from the authors' column order), or null when the source has none. */
  genre: string | null;
  sourceSplit: SourceSplit | null;
}

/** Why one item (or a whole list, named by its file) cannot be imported; the others go on. */
export interface ImportProblem {
  name: string;
  message: string;
}

export interface ImportReading {
  items: SegmentImportItem[];
  errors: ImportProblem[];
}

/** The segment lengths the platform cuts and takes (the paper's). */
export const IMPORT_SEGMENT_LENGTHS: readonly number[] = [25, 50];
