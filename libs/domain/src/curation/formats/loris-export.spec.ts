import { LORIS_GENRE_ORDER } from './loris-genres';
import { genreNpy, lorisSkipReason, planLorisExport, pose2dNpy } from './loris-export';
import type { ExportEntry } from './export-plan';
import type { ExportedMember, ExportedSegment } from './trainer-manifest';

type Media = { name: string };

const segment = (id: string, overrides: Partial<ExportedSegment<Media>> = {}): ExportedSegment<Media> => ({
  id,
  videoId: 'video-1',
  startSeconds: 0,
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

const version = { id: 'v-1', datasetId: 'd-1', number: 3, stats: { segments: 0 } };

const text = (entries: ExportEntry<Media>[], path: string) => {
  const entry = entries.find((e) => e.path === path);
  if (!entry || entry.kind !== 'file' || entry.source.from !== 'memory') throw new Error(`no ${path}`);
  return Buffer.from(entry.source.bytes).toString('latin1');
};

/** The header dict and the values of a float .npy, read by hand from its bytes. */
function npy(bytes: Uint8Array): { header: string; values: number[] } {
  const buffer = Buffer.from(bytes);
  expect(buffer.subarray(0, 8)).toEqual(Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]));
  const length = buffer.readUInt16LE(8);
  const header = buffer.toString('latin1', 10, 10 + length);
  expect((10 + length) % 64).toBe(0);
  const wide = header.includes("'<f8'");
  const values: number[] = [];
  for (let at = 10 + length; at < buffer.length; at += wide ? 8 : 4) {
    values.push(wide ? buffer.readDoubleLE(at) : buffer.readFloatLE(at));
  }
  return { header: header.trim(), values };
}

describe('the LORIS release layout an export writes', () => {
  it('writes lists relative to their folder, parallel genre rows, pose2d and audio per segment, in order', () => {
    const members: ExportedMember<Media>[] = [
      { split: 'TRAIN', segment: segment('a', { genre: 'House' }) },
      { split: 'TEST', segment: segment('b', { genre: 'Ballet Jazz' }) },
      { split: 'TRAIN', segment: segment('c', { genre: 'Krump' }) },
      { split: 'VALID', segment: segment('d', { genre: 'Lock' }) },
    ];
    const plan = planLorisExport({ ...version, stats: { segments: 4 } }, members, { poseFps: 16 });
    expect(plan.entries.map((e) => `${e.kind === 'folder' ? 'dir ' : ''}${e.path}`)).toEqual([
      'version.json',
      'README.txt',
      'dir audio_s25',
      'dir pose2d_s25',
      'dance_audio_s25_train_segment.txt',
      'dance_pose2d_s25_train_segment.txt',
      'dir genre',
      'genre/dance_s25_train.npy',
      'dance_audio_s25_test_segment.txt',
      'dance_pose2d_s25_test_segment.txt',
      'genre/dance_s25_test.npy',
      'dance_audio_s25_val_segment.txt',
      'dance_pose2d_s25_val_segment.txt',
      'genre/dance_s25_val.npy',
      'audio_s25/a.wav',
      'pose2d_s25/a.npy',
      'audio_s25/c.wav',
      'pose2d_s25/c.npy',
      'audio_s25/b.wav',
      'pose2d_s25/b.npy',
      'audio_s25/d.wav',
      'pose2d_s25/d.npy',
    ]);
    expect(text(plan.entries, 'dance_audio_s25_train_segment.txt')).toBe(
      'audio_s25/a.wav\naudio_s25/c.wav\n',
    );
    expect(text(plan.entries, 'dance_pose2d_s25_train_segment.txt')).toBe(
      'pose2d_s25/a.npy\npose2d_s25/c.npy\n',
    );
    expect(text(plan.entries, 'dance_audio_s25_val_segment.txt')).toBe('audio_s25/d.wav\n');
    // The audio as stored, the poses converted.
    const audio = plan.entries.find((e) => e.path === 'audio_s25/a.wav')!;
    expect(audio).toEqual({
      path: 'audio_s25/a.wav',
      kind: 'file',
      source: { from: 'stored', media: { name: 'a.wav' } },
    });
    const poses = plan.entries.find((e) => e.path === 'pose2d_s25/a.npy')!;
    expect(poses.kind === 'file' && poses.source.from).toBe('converted');

    // Row i of the genre file is the genre of line i, one-hot in the authors' column order (not ours).
    const train = npy(Buffer.from(text(plan.entries, 'genre/dance_s25_train.npy'), 'latin1'));
    expect(train.header).toBe("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 10), }");
    const row = (genre: string) => LORIS_GENRE_ORDER.map((g) => (g === genre ? 1 : 0));
    expect(train.values).toEqual([...row('House'), ...row('Krump')]);
    expect(train.values.slice(0, 10)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0, 0]); // House is column 7
    expect(npy(Buffer.from(text(plan.entries, 'genre/dance_s25_test.npy'), 'latin1')).values).toEqual([
      1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ]);

    expect(plan.summary).toEqual({
      format: 'loris',
      examples: 4,
      splits: { train: 2, val: 1, test: 1 },
      skipped: [],
      warnings: [
        "dance_s25 has no I3D features: the authors' loader needs i3d_s25 (video_train_path); pose2d_s25 features are offered instead (see README.txt)",
      ],
    });
    const described = JSON.parse(text(plan.entries, 'version.json'));
    expect(described).toMatchObject({
      id: 'v-1',
      format: 'loris',
      examples: 4,
      poseFps: 16,
      groups: [
        {
          name: 'dance_s25',
          category: 'DANCE',
          lengthSeconds: 25,
          splits: { train: 2, test: 1, val: 1 },
          i3d: false,
          genre: true,
        },
      ],
    });
  });

  it('says plainly in README.txt that the authors’ loader needs I3D and offers pose2d instead', () => {
    const plan = planLorisExport(version, [{ split: 'TRAIN', segment: segment('a') }], { poseFps: 30 });
    const readme = text(plan.entries, 'README.txt');
    expect(readme).toContain('NO I3D FEATURES for dance_s25.');
    expect(readme).toContain("The authors' loader (d2m/dataset.py, S25Dataset) needs i3d_sNN features");
    expect(readme).toContain('video_train_path');
    expect(readme).toContain('dance_i3d_s25_train_segment.txt');
    expect(readme).toContain('Offered instead: the pose features in pose2d_s25/');
    expect(readme).toContain("this dataset's pose rate, 30 fps (750 frames per 25 s)");
  });

  it('writes i3d_sNN and its lists, and no README, when every segment of a group has I3D features', () => {
    const members = ['a', 'b'].map((id, i) => ({
      split: i ? 'TEST' : 'TRAIN',
      segment: segment(id, {
        category: 'FLOOR_EXERCISE',
        lengthSeconds: 50,
        genre: null,
        i3dFeatures: { name: `${id}.i3d` },
      }),
    }));
    const plan = planLorisExport(version, members, { poseFps: 16 });
    const paths = plan.entries.map((e) => e.path);
    expect(paths).not.toContain('README.txt');
    expect(paths).toEqual(
      expect.arrayContaining(['fe_i3d_s50_train_segment.txt', 'i3d_s50/a.npy', 'i3d_s50/b.npy']),
    );
    expect(text(plan.entries, 'fe_i3d_s50_test_segment.txt')).toBe('i3d_s50/b.npy\n');
    expect(plan.entries.find((e) => e.path === 'i3d_s50/a.npy')).toMatchObject({
      source: { from: 'stored', media: { name: 'a.i3d' } },
    });
    // Floor exercise keeps no genre in the authors' release: no genre files, nobody left out for it.
    expect(paths.some((p) => p.startsWith('genre'))).toBe(false);
    expect(plan.summary.warnings).toEqual([]);
    expect(plan.summary.skipped).toEqual([]);
  });

  it('leaves out, with the reason, a segment without poses and a dance segment without an authors’ genre', () => {
    expect(lorisSkipReason(segment('a'))).toBeNull();
    expect(lorisSkipReason(segment('a', { poses: null }))).toBe('it has no poses (pose2d_sNN needs them)');
    expect(lorisSkipReason(segment('a', { genre: null }))).toMatch(/^it has no genre/);
    expect(lorisSkipReason(segment('a', { genre: 'Tango' }))).toMatch(
      /^its genre "Tango" is not one of the authors' ten dance genres/,
    );
    expect(lorisSkipReason(segment('a', { category: 'FIGURE_SKATING', genre: null }))).toBeNull();
    const plan = planLorisExport(
      version,
      [
        { split: 'TRAIN', segment: segment('a') },
        { split: 'TRAIN', segment: segment('b', { poses: null }) },
      ],
      { poseFps: 16 },
    );
    expect(plan.summary.skipped).toEqual([{ id: 'b', reason: 'it has no poses (pose2d_sNN needs them)' }]);
    expect(plan.entries.map((e) => e.path)).not.toContain('audio_s25/b.wav');
  });

  it('converts a stored pose track to float32 T×17×3 (x, y, score), refusing any other shape', () => {
    const frame = (f: number) => Array.from({ length: 17 }, (_, j) => [f * 100 + j, j + 0.5, 0.25]);
    const { header, values } = npy(pose2dNpy({ fps: 16, keypoints: [frame(0), frame(1), frame(2)] }));
    expect(header).toBe("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 17, 3), }");
    expect(values).toHaveLength(3 * 17 * 3);
    expect(values.slice(0, 3)).toEqual([0, 0.5, 0.25]);
    expect(values.slice((1 * 17 + 4) * 3, (1 * 17 + 4) * 3 + 3)).toEqual([104, 4.5, 0.25]);
    expect(() => pose2dNpy({ fps: 16, keypoints: [] })).toThrow('the pose track has no frames');
    expect(() => pose2dNpy({ fps: 16, keypoints: [frame(0).slice(0, 16)] })).toThrow(
      'pose frame 0 does not have 17 joints',
    );
    expect(() => pose2dNpy({ keypoints: [[...frame(0).slice(0, 16), [1, 2]]] })).toThrow(
      'pose frame 0, joint 16 is not [x, y, score]',
    );
  });

  it('refuses a genre outside the authors’ ten in a genre file', () => {
    expect(npy(genreNpy([])).header).toBe("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 10), }");
    expect(() => genreNpy(['Tango'])).toThrow('genre "Tango" is not one of the authors\' ten');
  });
});
