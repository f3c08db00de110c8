import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Readable } from 'stream';
import { pack } from 'tar-stream';
import { safeEntryPath, unpackTar } from './unpack-tar';

async function tarOf(entries: { name: string; type?: 'file' | 'directory' | 'symlink'; body?: string }[]) {
  const packer = pack();
  for (const entry of entries) {
    if (entry.type === 'symlink')
      packer.entry({ name: entry.name, type: 'symlink', linkname: '/etc/passwd' });
    else if (entry.type === 'directory') packer.entry({ name: entry.name, type: 'directory' });
    else packer.entry({ name: entry.name }, entry.body ?? '');
  }
  packer.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of packer) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('unpacking an export tar', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'loris-unpack-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every entry inside the folder', () => {
    expect(safeEntryPath('/x', 'audio/a.wav')).toBe('/x/audio/a.wav');
    expect(safeEntryPath('/x', 'audio/')).toBe('/x/audio');
    expect(safeEntryPath('/x', '../a.wav')).toBeNull();
    expect(safeEntryPath('/x', 'audio/../../a.wav')).toBeNull();
    expect(safeEntryPath('/x', '/etc/passwd')).toBeNull();
    expect(safeEntryPath('/x', './')).toBeNull();
  });

  it('writes folders and files, reporting each', async () => {
    const seen: string[] = [];
    const tar = await tarOf([
      { name: 'audio/', type: 'directory' },
      { name: 'version.json', body: '{}' },
      { name: 'audio/a.wav', body: 'RIFF' },
    ]);
    await unpackTar(Readable.from([tar]), dir, (path, type) => seen.push(`${type} ${path}`));
    expect(seen).toEqual(['folder audio/', 'file version.json', 'file audio/a.wav']);
    expect(readdirSync(dir).sort()).toEqual(['audio', 'version.json']);
    expect(readFileSync(join(dir, 'audio', 'a.wav'), 'utf8')).toBe('RIFF');
  });

  it('refuses a path outside the folder, a link, and an archive cut short', async () => {
    await expect(
      unpackTar(Readable.from([await tarOf([{ name: '../evil.txt', body: 'x' }])]), dir, () => undefined),
    ).rejects.toThrow('the archive names a path outside the export: ../evil.txt');
    await expect(
      unpackTar(Readable.from([await tarOf([{ name: 'link', type: 'symlink' }])]), dir, () => undefined),
    ).rejects.toThrow('the archive holds a symlink (link), not a plain file');
    const whole = await tarOf([{ name: 'big.bin', body: 'y'.repeat(5000) }]);
    await expect(unpackTar(Readable.from([whole.subarray(0, 2048)]), dir, () => undefined)).rejects.toThrow();
  });
});
