import {
  convertedFile,
  emptySplitCounts,
  folder,
  memoryFile,
  storedFile,
  type ExportedVersion,
  type ExportEntry,
  type ExportPlan,
} from './export-plan';
import {
  manifestLine,
  poseFeatureFrames,
  trainerRhythm,
  untrainableReason,
  type ExportedMember,
  type TrainerManifestLine,
} from './trainer-manifest';

/** version.json of a manifest export. */
export interface ManifestVersionFile extends ExportedVersion {
  format: 'manifest';
  examples: number;
  splits: Record<'train' | 'val' | 'test', number>;
  skipped: { id: string; reason: string }[];
}

/**
 * The trainer's manifest export: folders audio/, poses/, features/, rhythm/, then version.json and
 * manifest.jsonl, then each example's files (the audio, poses and pose features as stored, the features'
 * header checked; the rhythm converted to the trainer's binary peaks). A segment the trainer cannot use
 * is left out and listed in version.json with the reason.
 */
export function planManifestExport<Media>(
  version: ExportedVersion,
  members: readonly ExportedMember<Media>[],
): ExportPlan<Media> {
  const lines: TrainerManifestLine[] = [];
  const skipped: { id: string; reason: string }[] = [];
  const splits = emptySplitCounts();
  const files: ExportEntry<Media>[] = [];
  for (const { split, segment } of members) {
    const reason = untrainableReason(segment);
    if (reason) {
      skipped.push({ id: segment.id, reason });
      continue;
    }
    const line = manifestLine(segment, split);
    lines.push(line);
    splits[line.split]++;
    files.push(storedFile(line.audio, segment.audio));
    files.push(storedFile(line.poses, segment.poses!));
    files.push(
      convertedFile(line.features, segment.poseFeatures!, segment.id, (stored) => {
        poseFeatureFrames(stored.subarray(0, 256));
        return stored;
      }),
    );
    if (line.rhythm && segment.visualRhythm) {
      files.push(
        convertedFile(line.rhythm, segment.visualRhythm, segment.id, (stored) =>
          Buffer.from(JSON.stringify(trainerRhythm(JSON.parse(stored.toString('utf8'))))),
        ),
      );
    }
  }
  const versionFile: ManifestVersionFile = {
    ...version,
    format: 'manifest',
    examples: lines.length,
    splits,
    skipped,
  };
  return {
    summary: { format: 'manifest', examples: lines.length, splits, skipped, warnings: [] },
    entries: [
      ...['audio', 'poses', 'features', 'rhythm'].map((name) => folder<Media>(name)),
      memoryFile(`version.json`, `${JSON.stringify(versionFile, null, 2)}\n`),
      memoryFile('manifest.jsonl', lines.map((line) => `${JSON.stringify(line)}\n`).join('')),
      ...files,
    ],
  };
}
