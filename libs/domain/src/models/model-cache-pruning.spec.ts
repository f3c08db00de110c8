import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pruneModelCache } from './model-cache-pruning';

describe('pruneModelCache', () => {
  let root: string;
  /** A version folder of `bytes`, last used `ageSeconds` ago. */
  const folder = (name: string, bytes: number, ageSeconds: number) => {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'denoiser.onnx'), Buffer.alloc(bytes));
    const when = new Date(Date.now() - ageSeconds * 1000);
    utimesSync(dir, when, when);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'model-cache-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('removes the least recently used versions until the rest fit', async () => {
    folder('old', 400, 300);
    folder('middle', 400, 200);
    folder('new', 400, 10);
    expect(await pruneModelCache(root, 900, new Set())).toEqual(['old']);
    expect(readdirSync(root).sort()).toEqual(['middle', 'new']);
  });

  it('spares the folders it is told to keep, even when they are the oldest', async () => {
    folder('loading', 400, 500);
    folder('idle', 400, 100);
    folder('fresh', 400, 0);
    expect(await pruneModelCache(root, 500, new Set(['loading', 'fresh']))).toEqual(['idle']);
    expect(readdirSync(root).sort()).toEqual(['fresh', 'loading']);
  });

  it('leaves a cache within its budget alone, and clears only stale leftovers of dead fetches', async () => {
    folder('a', 100, 50);
    folder('b.partial-1', 100, 2 * 3600);
    folder('c.partial-2', 100, 5);
    expect(await pruneModelCache(root, 1000, new Set())).toEqual([]);
    expect(readdirSync(root).sort()).toEqual(['a', 'c.partial-2']);
  });

  it('treats a missing cache folder as empty', async () => {
    expect(await pruneModelCache(join(root, 'absent'), 0, new Set())).toEqual([]);
  });
});
