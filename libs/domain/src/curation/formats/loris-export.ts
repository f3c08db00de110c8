import { encodeNpyFloat32, encodeNpyFloat64 } from '@loris/synth';
import {
  convertedFile,
  emptySplitCounts,
  folder,
  memoryFile,
  storedFile,
  type ExportedVersion,
  type ExportEntry,
  type ExportPlan,
  type ExportSplitCounts,
} from './export-plan';
import { LORIS_GENRE_ORDER, oneHotOfGenre } from './loris-genres';
import type { ExportedMember, ExportedSegment } from './trainer-manifest';

// The authors' release layout (OpenGVLab/LORIS d2m/dataset.py, configs/*.yaml, data/): per category and
// segment length, audio_sNN/<name>.wav, pose2d_sNN/<name>.npy, i3d_sNN/<name>.npy, the lists
// <cat>_{audio,pose2d,i3d}_sNN_{train,test}_segment.txt (their loader reads each line as
// Path(list).parent / line, so lines here are relative to the lists' folder, the export's root) and the
// genre one-hots genre/<cat>_sNN_{train,test}.npy, row i the genre of line i. Our VALID split gets
// _val_ lists and genre files too; the authors' loader never opens them.

/** The authors' abbreviation of each dataset category, as in their file names. */
export const LORIS_CATEGORY_NAMES: Readonly<Record<string, string>> = {
  DANCE: 'dance',
  FLOOR_EXERCISE: 'fe',
  FIGURE_SKATING: 'fs',
};

/** The split word in the authors' list names for each of ours. */
export const LORIS_SPLIT_NAMES: Readonly<Record<string, 'train' | 'test' | 'val'>> = {
  TRAIN: 'train',
  TEST: 'test',
  VALID: 'val',
};

const SPLIT_ORDER = ['train', 'test', 'val'] as const;

/** COCO-17 keypoints, as stored and as the authors' pose2d files hold them. */
export const POSE2D_JOINTS = 17;

/** The authors' configs read this many pose frames per 25 s (motion_context_length at 16 fps). */
export const LORIS_POSE_FRAMES_PER_25S = 400;

/** One category-and-length group of the layout, e.g. dance_s25, as version.json describes it. */
export interface LorisGroupSummary {
  name: string;
  category: string;
  lengthSeconds: number;
  splits: Record<'train' | 'test' | 'val', number>;
  /** Whether i3d_sNN and its lists are written: every segment of the group has I3D features. */
  i3d: boolean;
  /** Whether genre/<name>_<split>.npy are written: every segment has one of the authors' ten genres. */
  genre: boolean;
}

/** version.json of a LORIS-layout export. */
export interface LorisVersionFile extends ExportedVersion {
  format: 'loris';
  examples: number;
  splits: ExportSplitCounts;
  skipped: { id: string; reason: string }[];
  groups: LorisGroupSummary[];
  poseFps: number;
  warnings: string[];
}

/** The file name (without folder or extension) of a segment in every folder of the layout. */
export const lorisName = (segment: { id: string }) => segment.id;

/**
 * Why a segment cannot be in the layout, or null. Every segment needs its poses (pose2d). A dance segment
 * needs one of the authors' ten genres, whose one-hot row the genre files hold; the authors keep no genre
 * for floor exercise or figure skating (genre_train_path: None in their configs), so those are not left
 * out for the lack of one.
 */
export function lorisSkipReason(segment: ExportedSegment): string | null {
  if (!segment.poses) return 'it has no poses (pose2d_sNN needs them)';
  if (segment.category !== 'DANCE') return null;
  if (!segment.genre) {
    return "it has no genre (the authors' dance genre one-hots need one; set genres before freezing a version)";
  }
  if (!oneHotOfGenre(segment.genre)) {
    return `its genre "${segment.genre}" is not one of the authors' ten dance genres (${LORIS_GENRE_ORDER.join(', ')}), so it has no one-hot row`;
  }
  return null;
}

/**
 * A stored pose track ({fps, keypoints: [frame][17][x, y, score]}) as the authors' pose2d file: float32
 * T×17×3 in C order. Throws with what is wrong when the track is not that shape.
 */
export function pose2dNpy(stored: unknown): Uint8Array {
  const keypoints = (stored as { keypoints?: unknown } | null)?.keypoints;
  if (!Array.isArray(keypoints) || keypoints.length === 0) throw new Error('the pose track has no frames');
  const data = new Float32Array(keypoints.length * POSE2D_JOINTS * 3);
  keypoints.forEach((frame: unknown, f) => {
    if (!Array.isArray(frame) || frame.length !== POSE2D_JOINTS) {
      throw new Error(`pose frame ${f} does not have ${POSE2D_JOINTS} joints`);
    }
    frame.forEach((joint: unknown, j) => {
      if (
        !Array.isArray(joint) ||
        joint.length !== 3 ||
        !joint.every((v) => typeof v === 'number' && Number.isFinite(v))
      ) {
        throw new Error(`pose frame ${f}, joint ${j} is not [x, y, score]`);
      }
      data.set(joint as number[], (f * POSE2D_JOINTS + j) * 3);
    });
  });
  return encodeNpyFloat32(data, [keypoints.length, POSE2D_JOINTS, 3]);
}

/** The genre file of a list: one float64 one-hot row per line, in the authors' column order. */
export function genreNpy(genres: readonly string[]): Uint8Array {
  const width = LORIS_GENRE_ORDER.length;
  const data = new Float64Array(genres.length * width);
  genres.forEach((genre, row) => {
    const hot = oneHotOfGenre(genre);
    if (!hot) throw new Error(`genre "${genre}" is not one of the authors' ten`);
    data.set(hot, row * width);
  });
  return encodeNpyFloat64(data, [genres.length, width]);
}

interface Group<Media> {
  name: string;
  category: string;
  abbreviation: string;
  lengthSeconds: number;
  members: Record<'train' | 'test' | 'val', ExportedSegment<Media>[]>;
}

/** The README of an export some of whose groups have no I3D features: what the authors' loader lacks. */
export function noI3dReadme(groups: readonly LorisGroupSummary[], poseFps: number): string {
  const without = groups.filter((g) => !g.i3d).map((g) => g.name);
  const s = (g: string) => g.slice(g.lastIndexOf('_s') + 1);
  return [
    'LORIS release layout exported by LORIS Studio',
    '',
    `NO I3D FEATURES for ${without.join(', ')}.`,
    `The authors' loader (d2m/dataset.py, S25Dataset) needs i3d_sNN features: their configs name them as`,
    `video_train_path / video_test_path (e.g. ${without.map((g) => g.replace(/_s(\d+)$/, '_i3d_s$1_train_segment.txt')).join(', ')}),`,
    'and these segments have none (I3D features are kept only when a dataset is imported with them).',
    'Offered instead: the pose features in ' +
      [...new Set(without.map(s))].map((n) => `pose2d_${n}/`).join(', ') +
      ' (float32 T x 17 x 3: x, y, score per COCO-17 joint),',
    'listed in the *_pose2d_sNN_*_segment.txt files; they are the motion_*_path of the configs.',
    "To train the authors' code on this export, give it video features of your own or change its loader.",
    '',
    `Pose tracks are at this dataset's pose rate, ${poseFps} fps (${Math.round(poseFps * 25)} frames per 25 s).`,
    `The authors' configs read motion_context_length = ${LORIS_POSE_FRAMES_PER_25S} frames per 25 s (16 fps): their`,
    'loader thins a longer track to that length and fails its assert on a shorter one.',
    '',
  ].join('\n');
}

/**
 * The LORIS-layout export of a version. Version.json and the README (when I3D is missing) come first,
 * then per group its lists and genre files, then each segment's files: the audio as stored (22050 Hz
 * mono WAV), the poses converted to pose2d .npy, the I3D features as stored.
 */
export function planLorisExport<Media>(
  version: ExportedVersion,
  members: readonly ExportedMember<Media>[],
  options: { poseFps: number },
): ExportPlan<Media> {
  const groups = new Map<string, Group<Media>>();
  const skipped: { id: string; reason: string }[] = [];
  const splits = emptySplitCounts();
  for (const { split, segment } of members) {
    const reason = lorisSkipReason(segment);
    const splitName = LORIS_SPLIT_NAMES[split];
    if (!splitName) throw new Error(`unknown split ${split}`);
    const abbreviation = LORIS_CATEGORY_NAMES[segment.category];
    if (!abbreviation) throw new Error(`unknown category ${segment.category}`);
    if (reason) {
      skipped.push({ id: segment.id, reason });
      continue;
    }
    const name = `${abbreviation}_s${segment.lengthSeconds}`;
    let group = groups.get(name);
    if (!group) {
      group = {
        name,
        category: segment.category,
        abbreviation,
        lengthSeconds: segment.lengthSeconds,
        members: { train: [], test: [], val: [] },
      };
      groups.set(name, group);
    }
    group.members[splitName].push(segment);
    splits[splitName]++;
  }
  const ordered = [...groups.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const summaries: LorisGroupSummary[] = ordered.map((group) => {
    const all = SPLIT_ORDER.flatMap((split) => group.members[split]);
    return {
      name: group.name,
      category: group.category,
      lengthSeconds: group.lengthSeconds,
      splits: {
        train: group.members.train.length,
        test: group.members.test.length,
        val: group.members.val.length,
      },
      i3d: all.every((segment) => segment.i3dFeatures !== null),
      genre: all.every((segment) => segment.genre !== null && oneHotOfGenre(segment.genre) !== null),
    };
  });
  const readme = summaries.some((g) => !g.i3d) ? noI3dReadme(summaries, options.poseFps) : null;
  const warnings = summaries
    .filter((g) => !g.i3d)
    .map(
      (g) =>
        `${g.name} has no I3D features: the authors' loader needs i3d_s${g.lengthSeconds} (video_train_path); pose2d_s${g.lengthSeconds} features are offered instead (see README.txt)`,
    );
  const examples = splits.train + splits.test + splits.val;
  const versionFile: LorisVersionFile = {
    ...version,
    format: 'loris',
    examples,
    splits,
    skipped,
    groups: summaries,
    poseFps: options.poseFps,
    warnings,
  };
  const index: ExportEntry<Media>[] = [
    memoryFile('version.json', `${JSON.stringify(versionFile, null, 2)}\n`),
  ];
  if (readme) index.push(memoryFile('README.txt', readme));
  const files: ExportEntry<Media>[] = [];
  ordered.forEach((group, g) => {
    const { i3d, genre } = summaries[g];
    const s = `s${group.lengthSeconds}`;
    const kinds = [
      { kind: 'audio', dir: `audio_${s}`, ext: 'wav' },
      { kind: 'pose2d', dir: `pose2d_${s}`, ext: 'npy' },
      ...(i3d ? [{ kind: 'i3d', dir: `i3d_${s}`, ext: 'npy' }] : []),
    ];
    for (const { dir } of kinds) index.push(folder(dir));
    for (const split of SPLIT_ORDER) {
      const segments = group.members[split];
      for (const { kind, dir, ext } of kinds) {
        const lines = segments.map((segment) => `${dir}/${lorisName(segment)}.${ext}\n`).join('');
        index.push(memoryFile(`${group.abbreviation}_${kind}_${s}_${split}_segment.txt`, lines));
      }
      if (genre) {
        if (!index.some((entry) => entry.path === 'genre')) index.push(folder('genre'));
        index.push(
          memoryFile(`genre/${group.name}_${split}.npy`, genreNpy(segments.map((segment) => segment.genre!))),
        );
      }
      for (const segment of segments) {
        const name = lorisName(segment);
        files.push(storedFile(`audio_${s}/${name}.wav`, segment.audio));
        files.push(
          convertedFile(`pose2d_${s}/${name}.npy`, segment.poses!, segment.id, (stored) =>
            pose2dNpy(JSON.parse(stored.toString('utf8'))),
          ),
        );
        if (i3d) files.push(storedFile(`i3d_${s}/${name}.npy`, segment.i3dFeatures!));
      }
    }
  });
  return { summary: { format: 'loris', examples, splits, skipped, warnings }, entries: [...index, ...files] };
}
