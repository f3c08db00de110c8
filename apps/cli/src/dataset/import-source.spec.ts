import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { detectImportSource } from './import-source';

describe('detectImportSource', () => {
  let root: string;
  const folder = (name: string, files: string[], dirs: string[] = []) => {
    const dir = join(root, name);
    mkdirSync(dir);
    for (const file of files) writeFileSync(join(dir, file), 'x');
    for (const sub of dirs) mkdirSync(join(dir, sub));
    return dir;
  };

  beforeAll(() => (root = mkdtempSync(join(tmpdir(), 'loris-import-source-'))));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('takes the files named as videos, in name order, and lists the others as ignored', () => {
    const dir = folder('videos', ['b.MP4', 'a.mov', 'notes.txt', 'poses.json', '.DS_Store'], ['sub']);
    expect(detectImportSource(dir)).toEqual({
      kind: 'videos',
      files: [join(dir, 'a.mov'), join(dir, 'b.MP4')],
      ignored: ['notes.txt', 'poses.json'],
    });
  });

  it('tells our manifest and the LORIS release layout from a folder of videos', () => {
    const manifest = folder('manifest', ['manifest.jsonl', 'clip.mp4'], ['audio']);
    expect(detectImportSource(manifest)).toEqual({
      kind: 'manifest',
      manifest: join(manifest, 'manifest.jsonl'),
    });
    expect(detectImportSource(join(manifest, 'manifest.jsonl')).kind).toBe('manifest');
    const layout = folder('aist', ['aist_audio_train_segment.txt'], ['audio_s25', 'pose2d_s25', 'i3d_s25']);
    expect(detectImportSource(layout)).toMatchObject({ kind: 'loris-layout' });
    const listsOnly = folder('lists', ['fs_test_segment.txt', 'x.mp4']);
    expect(detectImportSource(listsOnly)).toEqual({ kind: 'loris-layout', dir: listsOnly });
  });

  it('refuses an empty, missing or file path in words', () => {
    expect(() => detectImportSource(folder('empty', ['readme.md']))).toThrow(
      expect.objectContaining({
        code: 'NOTHING_TO_IMPORT',
        message: expect.stringContaining('has no videos'),
      }),
    );
    expect(() => detectImportSource(join(root, 'nope'))).toThrow(
      expect.objectContaining({ code: 'FILE_NOT_FOUND' }),
    );
    const file = join(root, 'clip.mp4');
    writeFileSync(file, 'x');
    expect(() => detectImportSource(file)).toThrow(expect.objectContaining({ code: 'NOT_A_DIRECTORY' }));
  });
});
