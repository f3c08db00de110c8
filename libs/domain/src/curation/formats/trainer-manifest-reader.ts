// Our training manifest (apps/trainer/loris_trainer/data.py read_manifest; `loris dataset export --format
// manifest` writes it) read back as import items: one JSON object a line, paths relative to the manifest's
// folder. A line that is not JSON, lacks a field or names a missing file is an error of that line alone.
import { readFileSync, statSync } from 'fs';
import { dirname, resolve } from 'path';
import {
  IMPORT_SEGMENT_LENGTHS,
  type ImportReading,
  type SegmentImportItem,
  type SourceSplit,
} from './segment-import-item';

const SPLITS: Readonly<Record<string, SourceSplit>> = { train: 'TRAIN', val: 'VALID', test: 'TEST' };

/**
 * Reads manifest.jsonl (or the folder holding it). Each line needs id, audio, poses, genre, split and
 * seconds: the import stores the audio and the poses and computes the features and rhythm again, so the
 * manifest's features and rhythm files are not read. Errors name the line (`manifest.jsonl line 3`).
 */
export function readTrainerManifest(path: string): ImportReading {
  const manifest = isDirectory(path) ? resolve(path, 'manifest.jsonl') : resolve(path);
  const root = dirname(manifest);
  const reading: ImportReading = { items: [], errors: [] };
  const ids = new Set<string>();
  readFileSync(manifest, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      if (text.trim() === '') return;
      const where = `manifest.jsonl line ${index + 1}`;
      const item = readLine(text, root);
      if (typeof item === 'string') {
        reading.errors.push({ name: where, message: item });
      } else if (ids.has(item.name)) {
        reading.errors.push({ name: where, message: `its id ${item.name} is on an earlier line too` });
      } else {
        ids.add(item.name);
        reading.items.push(item);
      }
    });
  return reading;
}

/** The item of one line, or what is wrong with it. */
function readLine(text: string, root: string): SegmentImportItem | string {
  let row: unknown;
  try {
    row = JSON.parse(text);
  } catch (error) {
    return `it is not valid JSON (${(error as Error).message})`;
  }
  if (row === null || typeof row !== 'object' || Array.isArray(row)) return 'it is not a JSON object';
  const line = row as Record<string, unknown>;
  const missing = ['id', 'audio', 'poses', 'genre', 'split', 'seconds'].filter(
    (key) => line[key] === undefined || line[key] === null || line[key] === '',
  );
  if (missing.length > 0) {
    const why = missing.includes('poses') ? ' (the import computes features and rhythm from the poses)' : '';
    return `it lacks ${missing.join(', ')}${why}`;
  }
  for (const key of ['id', 'audio', 'poses', 'genre', 'split'] as const) {
    if (typeof line[key] !== 'string') return `its ${key} is not a string`;
  }
  const split = SPLITS[line.split as string];
  if (!split)
    return `its split must be one of ${Object.keys(SPLITS).join(', ')}, not ${JSON.stringify(line.split)}`;
  if (typeof line.seconds !== 'number' || !IMPORT_SEGMENT_LENGTHS.includes(line.seconds)) {
    return `its seconds is ${JSON.stringify(line.seconds)}; the platform takes ${IMPORT_SEGMENT_LENGTHS.join(' and ')} s segments`;
  }
  const audioPath = resolve(root, line.audio as string);
  const posesPath = resolve(root, line.poses as string);
  const missingFiles = [
    [line.audio, audioPath],
    [line.poses, posesPath],
  ].filter(([, file]) => !isFile(file as string));
  if (missingFiles.length > 0)
    return `its files are missing: ${missingFiles.map(([name]) => name).join(', ')}`;
  return {
    name: line.id as string,
    lengthSeconds: line.seconds,
    audioPath,
    posesPath,
    i3dPath: null,
    genre: line.genre as string,
    sourceSplit: split,
  };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
