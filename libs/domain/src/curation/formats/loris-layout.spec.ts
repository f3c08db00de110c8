import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { writeWav } from '@loris/audio';
import { encodeNpyFloat32, encodeNpyFloat64 } from '@loris/synth';
import { readLorisLayout } from './loris-layout';

const oneHot = (...hot: number[]) => {
  const rows = new Float64Array(hot.length * 10);
  hot.forEach((column, row) => (rows[row * 10 + column] = 1));
  return encodeNpyFloat64(rows, [hot.length, 10]);
};

describe('readLorisLayout', () => {
  let dir: string;
  const write = (path: string, bytes: Uint8Array | string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  };
  const wav = writeWav({ sampleRate: 22050, channels: [new Float32Array(100)] });
  const poses = (frames = 400) => encodeNpyFloat32(new Float32Array(frames * 17 * 3), [frames, 17, 3]);
  const i3d = (frames = 50) => encodeNpyFloat32(new Float32Array(frames * 1024), [frames, 1024]);
  /** A segment's three files under audio_s25/, pose2d_s25/, i3d_s25/. */
  const segment = (stem: string) => {
    write(`audio_s25/${stem}.wav`, wav);
    write(`pose2d_s25/${stem}.npy`, poses());
    write(`i3d_s25/${stem}.npy`, i3d());
  };
  /** The three parallel lists of a split, lines as `line(part, stem)` writes them. */
  const lists = (
    split: string,
    stems: string[],
    line = (part: string, stem: string) => `${part}_s25/${stem}.${part === 'audio' ? 'wav' : 'npy'}`,
  ) => {
    for (const part of ['audio', 'pose2d', 'i3d'])
      write(`dance_${part}_s25_${split}_segment.txt`, stems.map((s) => line(part, s)).join('\n') + '\n');
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'loris-layout-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the lists as the authors’ loader does, their long paths falling back to the folders, genres translated', () => {
    for (const stem of ['gBR_a', 'gJB_b', 'gPO_c']) segment(stem);
    lists('train', ['gBR_a', 'gJB_b']);
    // The authors' published lists: their own machine's prefix, which exists nowhere else.
    lists(
      'test',
      ['gPO_c'],
      (part, stem) => `yourpath/dataset/LORIS/dance/${part}_s25/${stem}.${part === 'audio' ? 'wav' : 'npy'}`,
    );
    // Their column order: 4 is Break, 0 Ballet Jazz, 8 Pop (not our vocabulary's order).
    write('genre/dance_s25_train.npy', oneHot(4, 0));
    write('genre/dance_s25_test.npy', oneHot(8));

    const { items, errors } = readLorisLayout(dir);
    expect(errors).toEqual([]);
    expect(items).toEqual([
      {
        name: 'gBR_a',
        lengthSeconds: 25,
        audioPath: join(dir, 'audio_s25/gBR_a.wav'),
        posesPath: join(dir, 'pose2d_s25/gBR_a.npy'),
        i3dPath: join(dir, 'i3d_s25/gBR_a.npy'),
        genre: 'Break',
        sourceSplit: 'TRAIN',
      },
      expect.objectContaining({ name: 'gJB_b', genre: 'Ballet Jazz', sourceSplit: 'TRAIN' }),
      expect.objectContaining({
        name: 'gPO_c',
        genre: 'Pop',
        sourceSplit: 'TEST',
        audioPath: join(dir, 'audio_s25/gPO_c.wav'),
      }),
    ]);
  });

  it('reports, per item, lists and files that disagree, and goes on with the rest', () => {
    for (const stem of ['ok', 'unlisted', 'mixed']) segment(stem);
    lists('train', ['ok', 'gone', 'mixed']);
    // Line 3 of the i3d list names another clip than its audio and poses.
    write('dance_i3d_s25_train_segment.txt', 'i3d_s25/ok.npy\ni3d_s25/gone.npy\ni3d_s25/unlisted.npy\n');

    const { items, errors } = readLorisLayout(dir);
    expect(items.map((i) => i.name)).toEqual(['ok']);
    expect(errors).toEqual(
      expect.arrayContaining([
        {
          name: 'gone',
          message: 'listed but missing: audio_s25/gone.wav, pose2d_s25/gone.npy, i3d_s25/gone.npy',
        },
        {
          name: 'mixed',
          message:
            'line 3 of the dance_s25_train lists names different files (mixed, mixed, unlisted); the lists must be parallel',
        },
        {
          name: 'unlisted',
          message: expect.stringMatching(/^audio_s25\/unlisted.wav is in no \*_segment.txt list/),
        },
        { name: 'unlisted', message: expect.stringMatching(/^pose2d_s25\/unlisted.npy is in no/) },
        { name: 'mixed', message: expect.stringMatching(/^i3d_s25\/mixed.npy is in no/) },
      ]),
    );
  });

  it('refuses a whole split whose lists differ in length, or whose genre rows do not match its lines', () => {
    for (const stem of ['a', 'b']) segment(stem);
    lists('train', ['a', 'b']);
    write('dance_pose2d_s25_train_segment.txt', 'pose2d_s25/a.npy\n');
    lists('test', []);
    expect(readLorisLayout(dir).errors).toContainEqual({
      name: 'dance_s25_train lists',
      message: 'its lists differ in length (audio 2, pose2d 1 lines); the lists of a split must be parallel',
    });

    lists('train', ['a', 'b']);
    write('genre/dance_s25_train.npy', oneHot(1));
    const counted = readLorisLayout(dir);
    expect(counted.items).toEqual([]);
    expect(counted.errors).toContainEqual({
      name: 'dance_s25_train lists',
      message: 'genre/dance_s25_train.npy has 1 rows but the lists have 2 lines; they must be parallel',
    });
  });

  it('refuses a genre row that is not one-hot, by its item', () => {
    for (const stem of ['a', 'b']) segment(stem);
    lists('train', ['a', 'b']);
    const rows = new Float64Array(20);
    rows[3] = 1;
    rows[10 + 2] = 0.5; // b's row: not a one-hot
    rows[10 + 6] = 0.5;
    write('genre/dance_s25_train.npy', encodeNpyFloat64(rows, [2, 10]));
    const { items, errors } = readLorisLayout(dir);
    expect(items).toEqual([expect.objectContaining({ name: 'a', genre: 'Middle Hip-hop' })]);
    expect(errors).toEqual([
      { name: 'b', message: "row 2 of genre/dance_s25_train.npy is not one-hot over the authors' 10 genres" },
    ]);
  });

  it('refuses an .npy of the wrong shape, of the wrong dtype, or truncated', () => {
    for (const stem of ['shape', 'dtype', 'cut', 'wide', 'fine']) segment(stem);
    write('pose2d_s25/shape.npy', encodeNpyFloat32(new Float32Array(400 * 17 * 2), [400, 17, 2]));
    const ints = Buffer.from(poses());
    ints.write("'<i4'", ints.indexOf("'<f4'"), 'latin1');
    write('pose2d_s25/dtype.npy', ints);
    write('pose2d_s25/cut.npy', poses().subarray(0, 5000));
    write('i3d_s25/wide.npy', encodeNpyFloat32(new Float32Array(50 * 2048), [50, 2048]));
    lists('train', ['shape', 'dtype', 'cut', 'wide', 'fine']);

    const { items, errors } = readLorisLayout(dir);
    expect(items.map((i) => i.name)).toEqual(['fine']);
    expect(errors).toEqual([
      {
        name: 'shape',
        message:
          'pose2d_s25/shape.npy has shape (400, 17, 2); expected (frames, 17, 3): x, y and score of the COCO-17 joints',
      },
      {
        name: 'dtype',
        message: 'pose2d_s25/dtype.npy: its dtype is <i4; expected float32 (<f4) or float64 (<f8)',
      },
      {
        name: 'cut',
        message: expect.stringMatching(/^pose2d_s25\/cut.npy: it is 5000 bytes .* the file is truncated$/),
      },
      {
        name: 'wide',
        message: 'i3d_s25/wide.npy has shape (50, 2048); expected (frames, 1024) I3D features',
      },
    ]);
  });

  it('takes a release without lists: each audio file with its poses is an item, with no split and no genre', () => {
    segment('a');
    write('audio_s25/b.wav', wav);
    write('pose2d_s25/b.npy', poses());
    write('audio_s25/lonely.wav', wav);
    const { items, errors } = readLorisLayout(dir);
    expect(items).toEqual([
      expect.objectContaining({
        name: 'a',
        i3dPath: join(dir, 'i3d_s25/a.npy'),
        genre: null,
        sourceSplit: null,
      }),
      expect.objectContaining({ name: 'b', i3dPath: null, genre: null, sourceSplit: null }),
    ]);
    expect(errors).toEqual([
      { name: 'lonely', message: 'it has audio_s25/lonely.wav but no pose2d_s25/lonely.npy' },
    ]);
  });
});
