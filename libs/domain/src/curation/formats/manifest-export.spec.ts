import { exportFileName } from './export-plan';
import { planManifestExport } from './manifest-export';
import type { ExportedSegment } from './trainer-manifest';

type Media = { name: string };

const segment = (id: string, overrides: Partial<ExportedSegment<Media>> = {}): ExportedSegment<Media> => ({
  id,
  videoId: 'video-1',
  startSeconds: 5,
  lengthSeconds: 25,
  category: 'DANCE',
  genre: 'Pop',
  flags: [],
  audio: { name: `${id}.wav` },
  poses: { name: `${id}.poses` },
  poseFeatures: { name: `${id}.features` },
  visualRhythm: { name: `${id}.rhythm` },
  i3dFeatures: null,
  ...overrides,
});

describe('the manifest export plan', () => {
  const version = { id: 'v-1', datasetId: 'd-1', number: 2, stats: { segments: 3 } };
  const plan = planManifestExport(version, [
    { split: 'TRAIN', segment: segment('a') },
    { split: 'VALID', segment: segment('b', { genre: null }) },
    { split: 'TEST', segment: segment('c', { visualRhythm: null }) },
  ]);

  it('has the folders, version.json and manifest.jsonl first, then each example’s files in manifest order', () => {
    expect(plan.entries.map((e) => `${e.kind === 'folder' ? 'dir ' : ''}${e.path}`)).toEqual([
      'dir audio',
      'dir poses',
      'dir features',
      'dir rhythm',
      'version.json',
      'manifest.jsonl',
      'audio/a.wav',
      'poses/a.json',
      'features/a.npy',
      'rhythm/a.json',
      'audio/c.wav',
      'poses/c.json',
      'features/c.npy',
    ]);
    expect(plan.entries.find((e) => e.path === 'audio/a.wav')).toMatchObject({
      source: { from: 'stored', media: { name: 'a.wav' } },
    });
    expect(plan.entries.find((e) => e.path === 'rhythm/a.json')).toMatchObject({
      source: { from: 'converted', media: { name: 'a.rhythm' } },
    });
  });

  it('writes version.json and manifest.jsonl as the CLI always has, the skipped segment with its reason', () => {
    const file = (path: string) => {
      const entry = plan.entries.find((e) => e.path === path);
      return entry?.kind === 'file' && entry.source.from === 'memory'
        ? Buffer.from(entry.source.bytes).toString()
        : null;
    };
    const described = JSON.parse(file('version.json')!);
    expect(Object.keys(described)).toEqual([
      'id',
      'datasetId',
      'number',
      'stats',
      'format',
      'examples',
      'splits',
      'skipped',
    ]);
    expect(described).toMatchObject({
      format: 'manifest',
      examples: 2,
      splits: { train: 1, val: 0, test: 1 },
      skipped: [{ id: 'b', reason: expect.stringMatching(/^it has no genre/) }],
    });
    const lines = file('manifest.jsonl')!
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => [l.id, l.split, l.rhythm])).toEqual([
      ['a', 'train', 'rhythm/a.json'],
      ['c', 'test', null],
    ]);
  });

  it('names the file a download is saved as after the dataset, version and format', () => {
    expect(exportFileName('Street dance 2026', 3, 'loris')).toBe('Street-dance-2026-v3-loris.tar');
    expect(exportFileName('Ballet/Jazz "quoted"', 1, 'manifest')).toBe('Ballet-Jazz-quoted-v1-manifest.tar');
    expect(exportFileName('Élan', 2, 'manifest')).toBe('Elan-v2-manifest.tar');
    expect(exportFileName('日本', 2, 'manifest')).toBe('dataset-v2-manifest.tar');
  });
});
