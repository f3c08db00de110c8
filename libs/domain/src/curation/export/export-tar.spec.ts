import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract } from 'tar-stream';
import { LocalBlobStore } from '@loris/storage';
import { convertedFile, folder, memoryFile, storedFile, type ExportEntry } from '../formats/export-plan';
import { writeExportTar, type StoredMedia } from './export-tar';

/** Every entry of a tar: its header's name, type, size and mtime, and its bytes. */
async function readTar(bytes: Buffer) {
  const entries: { name: string; type: string; mtime: number; body: Buffer }[] = [];
  const unpacker = extract();
  unpacker.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk) => chunks.push(chunk as Buffer));
    stream.on('end', () => {
      entries.push({
        name: header.name,
        type: header.type!,
        mtime: header.mtime!.getTime(),
        body: Buffer.concat(chunks),
      });
      next();
    });
  });
  await pipeline(Readable.from([bytes]), unpacker);
  return entries;
}

describe('the export tar', () => {
  let root: string;
  let store: LocalBlobStore;
  const frozenAt = new Date('2026-12-05T10:00:00Z');
  const collect = () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    return { out, bytes: () => Buffer.concat(chunks) };
  };
  const open = (media: StoredMedia) => store.createReadStream(media.sha256);

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'loris-export-tar-'));
    store = new LocalBlobStore(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const put = async (bytes: Buffer): Promise<StoredMedia> => {
    const blob = await store.put(Readable.from([bytes]));
    return { sha256: blob.sha256, bytes: bytes.length };
  };

  it('writes the entries in plan order, stored files streamed from the store, converted ones converted', async () => {
    const audio = Buffer.alloc(300_000, 7); // several tar blocks and stream chunks
    const rhythm = Buffer.from('{"peaks":[1,0]}');
    const entries: ExportEntry<StoredMedia>[] = [
      folder('audio'),
      memoryFile('version.json', '{"number":1}\n'),
      storedFile('audio/a.wav', await put(audio)),
      convertedFile('rhythm/a.json', await put(rhythm), 'a', (stored) =>
        Buffer.from(stored.toString().toUpperCase()),
      ),
    ];
    const first = collect();
    await writeExportTar(entries, open, first.out, frozenAt);
    const read = await readTar(first.bytes());
    expect(read.map((e) => [e.name, e.type])).toEqual([
      ['audio/', 'directory'],
      ['version.json', 'file'],
      ['audio/a.wav', 'file'],
      ['rhythm/a.json', 'file'],
    ]);
    expect(read[1].body.toString()).toBe('{"number":1}\n');
    expect(read[2].body.equals(audio)).toBe(true);
    expect(read[3].body.toString()).toBe('{"PEAKS":[1,0]}');
    expect(read.every((e) => e.mtime === frozenAt.getTime())).toBe(true);
    // The same plan gives the same bytes: the console and the CLI download identical archives.
    const second = collect();
    await writeExportTar(entries, open, second.out, frozenAt);
    expect(second.bytes().equals(first.bytes())).toBe(true);
  });

  it('destroys the output when a stored file is missing midway, so the archive never looks complete', async () => {
    const present = await put(Buffer.from('present'));
    const missing = { sha256: 'f'.repeat(64), bytes: 10 };
    const { out, bytes } = collect();
    const failed = writeExportTar(
      [
        memoryFile('version.json', '{}\n'),
        storedFile('audio/a.wav', present),
        storedFile('audio/b.wav', missing),
      ],
      open,
      out,
      frozenAt,
    );
    await expect(failed).rejects.toThrow();
    expect(out.destroyed).toBe(true);
    // What got out ends after a whole entry, without the end-of-archive blocks: only the broken
    // connection tells the receiver it is not the whole export.
    const sent = bytes();
    expect(sent.length % 512).toBe(0);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.subarray(-1024).equals(Buffer.alloc(1024))).toBe(false);
    const whole = collect();
    await writeExportTar([memoryFile('version.json', '{}\n')], open, whole.out, frozenAt);
    expect(whole.bytes().subarray(-1024).equals(Buffer.alloc(1024))).toBe(true);
  });

  it('ends the export when a stored file is not the size its row says, or a conversion fails', async () => {
    const stored = await put(Buffer.from('twelve bytes'));
    const short = collect();
    await expect(
      writeExportTar([storedFile('a.wav', { ...stored, bytes: 20 })], open, short.out, frozenAt),
    ).rejects.toThrow();
    expect(short.out.destroyed).toBe(true);
    const bad = collect();
    await expect(
      writeExportTar(
        [
          convertedFile('rhythm/x.json', stored, 'seg-9', () => {
            throw new Error('the visual rhythm has no envelope');
          }),
        ],
        open,
        bad.out,
        frozenAt,
      ),
    ).rejects.toThrow('segment seg-9: the visual rhythm has no envelope');
    expect(bad.out.destroyed).toBe(true);
  });
});
