// The authors' release layout (OpenGVLab/LORIS data/ and configs/): a folder with
//   <cat>_{audio,pose2d,i3d}_s{25,50}_{train,test}_segment.txt   one path per line, the three lists of a
//                                                                split parallel (same order, same stem)
//   audio_sNN/*.wav, pose2d_sNN/*.npy (T×17×3), i3d_sNN/*.npy (T×1024)
//   genre/<cat>_sNN_{train,test}.npy                             one-hot rows parallel to the lists
// read into import items, every disagreement between the lists and the files reported per item.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'fs';
import { basename, dirname, extname, join, resolve } from 'path';
import { genreOfOneHot, LORIS_GENRE_ORDER } from './loris-genres';
import {
  checkNpyLength,
  formatShape,
  NPY_HEADER_BYTES,
  NpyFormatError,
  parseNpyHeader,
  readNpy,
  type NpyHeader,
} from './npy-reader';
import {
  IMPORT_SEGMENT_LENGTHS,
  type ImportReading,
  type SegmentImportItem,
  type SourceSplit,
} from './segment-import-item';

type Part = 'audio' | 'pose2d' | 'i3d';

const LIST = /^(.+)_(audio|pose2d|i3d)_s(\d+)_(train|val|test)_segment\.txt$/;
const FOLDER = /^(audio|pose2d|i3d)_s(\d+)$/;
// Our own exports add _val_ lists for the VALID split (the authors' loader never opens them).
const SPLIT_OF: Record<string, SourceSplit> = { train: 'TRAIN', val: 'VALID', test: 'TEST' };
const SPLIT_RANK: Record<SourceSplit, number> = { TRAIN: 0, VALID: 1, TEST: 2 };
const EXTENSION: Record<Part, string> = { audio: '.wav', pose2d: '.npy', i3d: '.npy' };

/** The width of the authors' I3D features (configs/*.yaml video_dim). */
export const I3D_DIM = 1024;

/** One split of one category and length: its lists, by part. */
interface ListGroup {
  category: string;
  lengthSeconds: number;
  split: SourceSplit;
  lists: Partial<Record<Part, string>>;
}

/**
 * Reads a LORIS release folder. With lists, each line of a split's lists is one item (resolved as the
 * authors' loader does); without lists (a release of just the sub-folders), each audio file is one item
 * with its poses and I3D of the same stem, with no source split and no genre. Errors, each naming the
 * item or list: a listed file missing, a file in no list, a split's lists of different lengths or with
 * different stems on a line, a genre file whose rows do not match its list or a row that is not one-hot,
 * an .npy of the wrong shape or dtype (or truncated), a segment length the platform does not take.
 */
export function readLorisLayout(dir: string): ImportReading {
  const root = resolve(dir);
  const names = readdirSync(root).filter((name) => !name.startsWith('.'));
  const groups = listGroups(root, names);
  const folders = names.filter((name) => FOLDER.test(name) && statSync(join(root, name)).isDirectory());
  const lengths = new Set<number>();
  for (const group of groups) lengths.add(group.lengthSeconds);
  for (const folder of folders) lengths.add(Number(FOLDER.exec(folder)![2]));
  // A stem names an item, with its length when the release holds both (the same clip cut at 25 and 50 s).
  const itemName = (stem: string, length: number) => (lengths.size > 1 ? `${stem} (${length} s)` : stem);
  const reading: ImportReading = { items: [], errors: [] };
  if (groups.length === 0) {
    readUnlisted(root, folders, itemName, reading);
  } else {
    const listed = new Set<string>();
    for (const group of groups) readGroup(root, group, itemName, listed, reading);
    // A file the lists never name would be silently left out of the import: say so.
    for (const folder of folders) {
      for (const file of readdirSync(join(root, folder)).sort()) {
        const path = join(root, folder, file);
        if (file.startsWith('.') || listed.has(path)) continue;
        const length = Number(FOLDER.exec(folder)![2]);
        reading.errors.push({
          name: itemName(stemOf(file), length),
          message: `${folder}/${file} is in no *_segment.txt list, so it is not imported; list it or remove it`,
        });
      }
    }
  }
  for (const item of reading.items) checkLength(item, reading);
  reading.items = reading.items.filter((item) => IMPORT_SEGMENT_LENGTHS.includes(item.lengthSeconds));
  return reading;
}

function checkLength(item: SegmentImportItem, reading: ImportReading): void {
  if (!IMPORT_SEGMENT_LENGTHS.includes(item.lengthSeconds)) {
    reading.errors.push({
      name: item.name,
      message: `it is a ${item.lengthSeconds} s segment; the platform takes ${IMPORT_SEGMENT_LENGTHS.join(' and ')} s segments`,
    });
  }
}

function listGroups(root: string, names: string[]): ListGroup[] {
  const groups = new Map<string, ListGroup>();
  for (const name of names.sort()) {
    const match = LIST.exec(name);
    if (!match) continue;
    const [, category, part, length, split] = match;
    const key = `${category}/${length}/${split}`;
    const group = groups.get(key) ?? {
      category,
      lengthSeconds: Number(length),
      split: SPLIT_OF[split],
      lists: {},
    };
    group.lists[part as Part] = join(root, name);
    groups.set(key, group);
  }
  // Train before test, as the authors' configs list them.
  return [...groups.values()].sort(
    (a, b) =>
      a.category.localeCompare(b.category) ||
      a.lengthSeconds - b.lengthSeconds ||
      SPLIT_RANK[a.split] - SPLIT_RANK[b.split],
  );
}

function readLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function readGroup(
  root: string,
  group: ListGroup,
  itemName: (stem: string, length: number) => string,
  listed: Set<string>,
  reading: ImportReading,
): void {
  const { category, lengthSeconds, split } = group;
  const word = Object.keys(SPLIT_OF).find((key) => SPLIT_OF[key] === split)!;
  const label = `${category}_s${lengthSeconds}_${word}`;
  const refuse = (message: string) => reading.errors.push({ name: `${label} lists`, message });
  for (const part of ['audio', 'pose2d'] as const) {
    if (!group.lists[part]) {
      refuse(`${category}_${part}_s${lengthSeconds}_${word}_segment.txt is missing`);
      return;
    }
  }
  const lines: Partial<Record<Part, string[]>> = {};
  for (const part of ['audio', 'pose2d', 'i3d'] as const) {
    const list = group.lists[part];
    if (list) lines[part] = readLines(list);
  }
  const count = lines.audio!.length;
  const uneven = (['pose2d', 'i3d'] as const).filter((p) => lines[p] && lines[p].length !== count);
  if (uneven.length > 0) {
    // Parallel lists of different lengths cannot be paired line by line: nothing of the split is safe.
    refuse(
      `its lists differ in length (audio ${count}, ${uneven.map((p) => `${p} ${lines[p]!.length}`).join(', ')} lines); ` +
        'the lists of a split must be parallel',
    );
    return;
  }
  const genres = readGenres(root, group, count, refuse);
  if (genres === 'refused') return;
  for (let row = 0; row < count; row++) {
    const stems = (['audio', 'pose2d', 'i3d'] as const).flatMap((p) =>
      lines[p] ? [stemOf(lines[p][row])] : [],
    );
    const name = itemName(stems[0], lengthSeconds);
    const problem = (message: string) => reading.errors.push({ name, message });
    if (new Set(stems).size > 1) {
      problem(
        `line ${row + 1} of the ${label} lists names different files (${stems.join(', ')}); the lists must be parallel`,
      );
      continue;
    }
    const paths: Partial<Record<Part, string>> = {};
    const missing: string[] = [];
    for (const part of ['audio', 'pose2d', 'i3d'] as const) {
      const line = lines[part]?.[row];
      if (line === undefined) continue;
      const found = locate(root, group.lists[part]!, line, `${part}_s${lengthSeconds}`);
      if (found) {
        paths[part] = found;
        listed.add(found);
      } else missing.push(line);
    }
    if (missing.length > 0) {
      problem(`listed but missing: ${missing.join(', ')}`);
      continue;
    }
    const genre = genres ? genres[row] : null;
    if (genre === undefined) {
      problem(
        `row ${row + 1} of genre/${label}.npy is not one-hot over the authors' ${LORIS_GENRE_ORDER.length} genres`,
      );
      continue;
    }
    const item: SegmentImportItem = {
      name,
      lengthSeconds,
      audioPath: paths.audio!,
      posesPath: paths.pose2d!,
      i3dPath: paths.i3d ?? null,
      genre,
      sourceSplit: split,
    };
    const bad = checkArrays(root, item);
    if (bad) problem(bad);
    else reading.items.push(item);
  }
}

/**
 * A list line as the authors' loader reads it (d2m/dataset.py: Path(list).parent / line). Their published
 * lists carry their own machine's prefix (yourpath/dataset/LORIS/dance/audio_s25/x.wav), which exists on no
 * one else's disk, so when that path is not there the file is looked for where a downloaded release keeps
 * it: <DIR>/<part folder>/<file name>. Null when neither exists.
 */
function locate(root: string, list: string, line: string, folder: string): string | null {
  const theirs = resolve(dirname(list), line);
  if (isFile(theirs)) return theirs;
  const ours = join(root, folder, basename(line));
  return isFile(ours) ? ours : null;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The genre of each row of genre/<cat>_sNN_<split>.npy, translated from the authors' column order; undefined
 * for a row that is not one-hot. The genre folder sits in DIR, or beside it as in the authors' repository
 * (data/dance/*.txt and data/genre/*.npy). Null when the split has no genre file (the release has them for
 * dance only); 'refused' when the file cannot be paired with the lists.
 */
function readGenres(
  root: string,
  group: ListGroup,
  count: number,
  refuse: (message: string) => void,
): (string | undefined)[] | null | 'refused' {
  const word = Object.keys(SPLIT_OF).find((key) => SPLIT_OF[key] === group.split)!;
  const file = `${group.category}_s${group.lengthSeconds}_${word}.npy`;
  const path = [join(root, 'genre', file), join(root, '..', 'genre', file)].find(existsSync);
  if (!path) return null;
  let rows: Float64Array;
  let shape: number[];
  try {
    ({ data: rows, shape } = readNpy(readFileSync(path)));
  } catch (error) {
    refuse(`genre/${file}: ${error instanceof NpyFormatError ? error.message : String(error)}`);
    return 'refused';
  }
  const width = LORIS_GENRE_ORDER.length;
  if (shape.length !== 2 || shape[1] !== width) {
    refuse(`genre/${file} has shape ${formatShape(shape)}; expected (rows, ${width}) one-hot rows`);
    return 'refused';
  }
  if (shape[0] !== count) {
    refuse(`genre/${file} has ${shape[0]} rows but the lists have ${count} lines; they must be parallel`);
    return 'refused';
  }
  return Array.from(
    { length: count },
    (_, row) => genreOfOneHot(rows.subarray(row * width, (row + 1) * width)) ?? undefined,
  );
}

/** Without lists: every audio file with its poses (and I3D) of the same stem is one item. */
function readUnlisted(
  root: string,
  folders: string[],
  itemName: (stem: string, length: number) => string,
  reading: ImportReading,
): void {
  const byLength = new Map<number, Partial<Record<Part, Map<string, string>>>>();
  for (const folder of folders) {
    const [, part, length] = FOLDER.exec(folder)!;
    const parts = byLength.get(Number(length)) ?? {};
    const files = new Map<string, string>();
    for (const file of readdirSync(join(root, folder)).sort()) {
      if (!file.startsWith('.') && extname(file).toLowerCase() === EXTENSION[part as Part]) {
        files.set(stemOf(file), join(root, folder, file));
      }
    }
    parts[part as Part] = files;
    byLength.set(Number(length), parts);
  }
  for (const [lengthSeconds, parts] of [...byLength].sort(([a], [b]) => a - b)) {
    const stems = new Set<string>();
    for (const files of Object.values(parts)) for (const stem of files.keys()) stems.add(stem);
    for (const stem of [...stems].sort()) {
      const name = itemName(stem, lengthSeconds);
      const audio = parts.audio?.get(stem);
      const poses = parts.pose2d?.get(stem);
      if (!audio || !poses) {
        const has = (['audio', 'pose2d', 'i3d'] as const).filter((p) => parts[p]?.has(stem));
        const lacks = (['audio', 'pose2d'] as const).filter((p) => !parts[p]?.has(stem));
        reading.errors.push({
          name,
          message: `it has ${has.map((p) => `${p}_s${lengthSeconds}/${stem}${EXTENSION[p]}`).join(' and ')} but no ${lacks
            .map((p) => `${p}_s${lengthSeconds}/${stem}${EXTENSION[p]}`)
            .join(' or ')}`,
        });
        continue;
      }
      const item: SegmentImportItem = {
        name,
        lengthSeconds,
        audioPath: audio,
        posesPath: poses,
        i3dPath: parts.i3d?.get(stem) ?? null,
        genre: null,
        sourceSplit: null,
      };
      const bad = checkArrays(root, item);
      if (bad) reading.errors.push({ name, message: bad });
      else reading.items.push(item);
    }
  }
}

/** The .npy headers of an item's poses (T×17×3) and I3D (T×1024): dtype, shape and file length. */
function checkArrays(root: string, item: SegmentImportItem): string | null {
  const check = (path: string, want: string, fits: (shape: number[]) => boolean): string | null => {
    const where = relativeTo(root, path);
    try {
      const header = readNpyHeaderOf(path);
      if (!fits(header.shape)) return `${where} has shape ${formatShape(header.shape)}; expected ${want}`;
      return null;
    } catch (error) {
      if (error instanceof NpyFormatError) return `${where}: ${error.message}`;
      throw error;
    }
  };
  return (
    check(
      item.posesPath,
      '(frames, 17, 3): x, y and score of the COCO-17 joints',
      (s) => s.length === 3 && s[0] >= 3 && s[1] === 17 && s[2] === 3,
    ) ??
    (item.i3dPath
      ? check(
          item.i3dPath,
          `(frames, ${I3D_DIM}) I3D features`,
          (s) => s.length === 2 && s[0] >= 1 && s[1] === I3D_DIM,
        )
      : null)
  );
}

/** The header of an .npy file on disk, its length checked against its shape. */
export function readNpyHeaderOf(path: string): NpyHeader {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(NPY_HEADER_BYTES);
    const read = readSync(fd, head, 0, head.length, 0);
    const header = parseNpyHeader(head.subarray(0, read));
    checkNpyLength(header, statSync(path).size);
    return header;
  } finally {
    closeSync(fd);
  }
}

function relativeTo(root: string, path: string): string {
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}

function stemOf(path: string): string {
  const name = basename(path);
  return name.slice(0, name.length - extname(name).length);
}
