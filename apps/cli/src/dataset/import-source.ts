import { readdirSync, statSync, type Dirent } from 'fs';
import { extname, join } from 'path';
import { CliError } from '../cli.error';

/** File name endings taken for videos (what the upload probe accepts: MP4/MOV, AVI, Matroska/WebM, MPEG, Ogg). */
export const VIDEO_EXTENSIONS: readonly string[] = [
  '.mp4',
  '.m4v',
  '.mov',
  '.avi',
  '.mkv',
  '.webm',
  '.mpg',
  '.mpeg',
  '.ogv',
];

/** What `loris dataset import` was given, told apart by what the folder holds. */
export type ImportSource =
  | { kind: 'videos'; files: string[]; ignored: string[] }
  | { kind: 'manifest'; manifest: string }
  | { kind: 'loris-layout'; dir: string };

// The authors' release layout (OpenGVLab/LORIS data/): audio_s25/, pose2d_s25/, i3d_s50/ ... and the
// *_segment.txt lists of each split.
const LORIS_FOLDER = /^(audio|pose2d|i3d)_s\d+$/;
const LORIS_LIST = /_segment\.txt$/;

/**
 * Looks at DIR (not into its sub-folders): a manifest.jsonl (or DIR naming a .jsonl file) is our training
 * manifest; a folder or list of the LORIS release layout is that layout; otherwise its files whose names
 * end as a video's are the videos, in name order, and the rest are ignored (hidden files are not listed).
 */
export function detectImportSource(dir: string): ImportSource {
  let entries: Dirent[];
  try {
    if (statSync(dir).isFile()) {
      if (extname(dir) === '.jsonl') return { kind: 'manifest', manifest: dir };
      throw new CliError(
        'NOT_A_DIRECTORY',
        'give a folder of videos, a folder with manifest.jsonl, or a manifest.jsonl file',
        dir,
      );
    }
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError('FILE_NOT_FOUND', 'no such folder', dir);
    throw new CliError('FILE_UNREADABLE', `cannot read the folder (${code ?? 'unknown reason'})`, dir);
  }
  const names = entries.filter((entry) => !entry.name.startsWith('.'));
  if (names.some((entry) => entry.name === 'manifest.jsonl' && entry.isFile())) {
    return { kind: 'manifest', manifest: join(dir, 'manifest.jsonl') };
  }
  const marker = names.find(
    (entry) =>
      (entry.isDirectory() && LORIS_FOLDER.test(entry.name)) ||
      (entry.isFile() && LORIS_LIST.test(entry.name)),
  );
  if (marker) return { kind: 'loris-layout', dir };
  const files = names.filter((entry) => entry.isFile()).map((entry) => entry.name);
  const isVideo = (name: string) => VIDEO_EXTENSIONS.includes(extname(name).toLowerCase());
  const videos = files.filter(isVideo).sort();
  if (videos.length === 0) {
    throw new CliError(
      'NOTHING_TO_IMPORT',
      `the folder has no videos (${VIDEO_EXTENSIONS.join(', ')}), no manifest.jsonl and no LORIS release layout`,
      dir,
    );
  }
  return {
    kind: 'videos',
    files: videos.map((name) => join(dir, name)),
    ignored: files.filter((name) => !isVideo(name)).sort(),
  };
}
