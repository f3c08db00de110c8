import { EMPTY_CLIP_ROWS, emptyItemRow, type CampaignClipRows, type ItemSegment } from './campaign-clips';
import {
  itemSegmentsNeeded,
  mosText,
  parseCampaignForm,
  pText,
  raterLinkUrl,
  type CampaignFormValues,
} from './campaign-form';

const values = (over: Partial<CampaignFormValues> = {}): CampaignFormValues => ({
  name: ' Tiny MOS ',
  question: '',
  presentation: 'AUDIO',
  versions: ['v-1|loris v1 (tiny)', 'v-2|loris v2 (big)'],
  groundTruth: true,
  sampler: '',
  steps: '',
  seed: '',
  itemSource: 'DATASET',
  datasetVersionId: 'dv-1',
  split: 'TEST',
  limit: '',
  seconds: '',
  votesPerClip: '10',
  clipsPerSession: '12',
  trapsPerSession: '',
  goldPerSession: '',
  clips: EMPTY_CLIP_ROWS,
  ...over,
});

/** Uploaded items: `n` rows with a pose track, audio, video, genre and length each. */
const uploaded = (n: number, over: Partial<CampaignClipRows> = {}): Partial<CampaignFormValues> => ({
  itemSource: 'UPLOADS',
  clips: {
    ...EMPTY_CLIP_ROWS,
    items: Array.from({ length: n }, (_, i) => ({
      ...emptyItemRow(over.baselines?.length ?? 0),
      poses: `poses-${i}`,
      audio: `wav-${i}`,
      video: `video-${i}`,
      genre: 'House',
      seconds: '4',
      baselines: (over.baselines ?? []).map((_, b) => `baseline-${b}-${i}`),
    })),
    ...over,
  },
});

describe('parseCampaignForm', () => {
  it('assembles systems from the ticked versions and ground truth, items from the split', () => {
    expect(parseCampaignForm(values({ steps: '2', seed: '3', limit: '2', seconds: '1.5' }))).toEqual({
      name: 'Tiny MOS',
      systems: [
        { kind: 'MODEL', label: 'loris v1 (tiny)', modelVersionId: 'v-1', steps: 2, seed: 3 },
        { kind: 'MODEL', label: 'loris v2 (big)', modelVersionId: 'v-2', steps: 2, seed: 3 },
        { kind: 'GROUND_TRUTH', label: 'ground truth' },
      ],
      items: { datasetVersionId: 'dv-1', split: 'TEST', limit: 2, seconds: 1.5 },
      votesPerClip: 10,
      clipsPerSession: 12,
    });
  });

  it('leaves blanks out, so the API’s P.808 defaults apply', () => {
    const input = parseCampaignForm(values({ votesPerClip: '', clipsPerSession: '', groundTruth: false }));
    expect(input).not.toHaveProperty('votesPerClip');
    expect(input).not.toHaveProperty('question');
    expect(input).not.toHaveProperty('trapsPerSession');
    expect(input).toHaveProperty('systems', [
      { kind: 'MODEL', label: 'loris v1 (tiny)', modelVersionId: 'v-1' },
      { kind: 'MODEL', label: 'loris v2 (big)', modelVersionId: 'v-2' },
    ]);
  });

  it('refuses what cannot be a campaign, in words', () => {
    expect(parseCampaignForm(values({ name: ' ' }))).toEqual({ error: 'Give the campaign a name.' });
    expect(parseCampaignForm(values({ versions: [], groundTruth: false }))).toEqual({
      error: 'Tick at least one system: a model version, ground truth or a baseline.',
    });
    expect(parseCampaignForm(values({ presentation: 'VIDEO' }))).toHaveProperty('error');
    expect(parseCampaignForm(values({ datasetVersionId: '' }))).toHaveProperty('error');
    expect(parseCampaignForm(values({ split: 'ALL' }))).toEqual({ error: 'Choose TEST, VALID or TRAIN.' });
    expect(parseCampaignForm(values({ votesPerClip: '2.5' }))).toEqual({
      error: 'Votes per clip must be a whole number of at least 1.',
    });
    expect(parseCampaignForm(values({ trapsPerSession: '-1' }))).toHaveProperty('error');
    expect(parseCampaignForm(values({ seconds: '0' }))).toEqual({
      error: 'Clip length is a number of seconds from 0 to 600.',
    });
    expect(parseCampaignForm(values({ seconds: 'ten' }))).toHaveProperty('error');
  });

  it('takes zero trapping clips (a choice) but not zero clips per session', () => {
    expect(parseCampaignForm(values({ trapsPerSession: '0' }))).toHaveProperty('trapsPerSession', 0);
    expect(parseCampaignForm(values({ clipsPerSession: '0' }))).toHaveProperty('error');
  });
});

describe('parseCampaignForm with gold, training clips, uploaded items and baselines', () => {
  it('sends gold clips and anchors with their expected scores, and gold per session', () => {
    const input = parseCampaignForm(
      values({
        goldPerSession: '1',
        clips: {
          ...EMPTY_CLIP_ROWS,
          gold: [{ uploadId: 'g-1', score: '5' }],
          anchors: [
            { uploadId: 'a-1', score: '1' },
            { uploadId: 'a-2', score: '4' },
          ],
        },
      }),
    );
    expect(input).toMatchObject({
      goldPerSession: 1,
      gold: [{ uploadId: 'g-1', expectedScore: 5 }],
      anchors: [
        { uploadId: 'a-1', expectedScore: 1 },
        { uploadId: 'a-2', expectedScore: 4 },
      ],
    });
    // None given: the fields are left out, and the API adds no gold.
    expect(parseCampaignForm(values())).not.toHaveProperty('gold');
    expect(parseCampaignForm(values())).not.toHaveProperty('anchors');
  });

  it('names the gold or training clip to fix', () => {
    const clips = (over: Partial<CampaignClipRows>) => values({ clips: { ...EMPTY_CLIP_ROWS, ...over } });
    expect(
      parseCampaignForm(
        clips({
          gold: [
            { uploadId: 'g', score: '5' },
            { uploadId: '', score: '3' },
          ],
        }),
      ),
    ).toEqual({
      error: 'Gold clip 2: choose a WAV or upload one.',
    });
    for (const score of ['', '0', '6', '2.5', 'five'])
      expect(parseCampaignForm(clips({ anchors: [{ uploadId: 'a', score }] }))).toEqual({
        error: 'Training clip 1: its expected score is a whole number from 1 to 5.',
      });
    const many = Array.from({ length: 21 }, () => ({ uploadId: 'g', score: '3' }));
    expect(parseCampaignForm(clips({ gold: many }))).toEqual({ error: 'Give at most 20 gold clips.' });
    expect(
      parseCampaignForm(
        values({ goldPerSession: '2', clips: { ...EMPTY_CLIP_ROWS, gold: [{ uploadId: 'g', score: '1' }] } }),
      ),
    ).toEqual({
      error: 'Gold clips per session is 2, but only 1 gold clip is given.',
    });
    expect(parseCampaignForm(values({ goldPerSession: '1' }))).toEqual({
      error: 'Gold clips per session is 1, but no gold clip is given.',
    });
  });

  it('takes uploaded items in order, with their video under audio-with-video, and each baseline’s clips', () => {
    const input = parseCampaignForm(
      values({ presentation: 'AUDIO_VIDEO', ...uploaded(2, { baselines: ['paper baseline'] }) }),
    );
    expect(input).toMatchObject({
      presentation: 'AUDIO_VIDEO',
      items: {
        uploads: [
          {
            posesUploadId: 'poses-0',
            audioUploadId: 'wav-0',
            videoUploadId: 'video-0',
            genre: 'House',
            seconds: 4,
          },
          {
            posesUploadId: 'poses-1',
            audioUploadId: 'wav-1',
            videoUploadId: 'video-1',
            genre: 'House',
            seconds: 4,
          },
        ],
      },
    });
    expect((input as { systems: unknown[] }).systems).toContainEqual({
      kind: 'BASELINE',
      label: 'paper baseline',
      baselineUploadIds: ['baseline-0-0', 'baseline-0-1'],
    });
    expect(input).not.toHaveProperty('items.datasetVersionId');
    // Audio only is P.808's default, so it is left to the API.
    expect(parseCampaignForm(values())).not.toHaveProperty('presentation');
  });

  it('names the item or baseline to fix, by what the systems need of it', () => {
    const item = (
      over: Partial<CampaignFormValues['clips']['items'][number]>,
      form: Partial<CampaignFormValues> = {},
    ) => {
      const base = uploaded(2);
      const items = base.clips!.items.map((row, i) => (i === 1 ? { ...row, ...over } : row));
      return parseCampaignForm(values({ ...base, ...form, clips: { ...base.clips!, items } }));
    };
    expect(item({ poses: '', audio: '' })).toEqual({
      error: 'Item 2: choose its pose track, its audio or both.',
    });
    expect(item({ poses: '' })).toEqual({
      error: 'Item 2 needs a pose track: the model versions generate from its poses.',
    });
    // Without model versions, poses and genre are not needed.
    expect(item({ poses: '', genre: '' }, { versions: [] })).not.toHaveProperty('error');
    expect(item({ genre: '' })).toEqual({
      error: 'Item 2 needs a genre: the model versions generate in a genre.',
    });
    expect(item({ audio: '' })).toEqual({ error: 'Item 2 needs its audio (a WAV): ground truth plays it.' });
    expect(item({ video: '' }, { presentation: 'AUDIO_VIDEO' })).toEqual({
      error: 'Item 2 needs a video: audio with video shows each clip on its item’s video.',
    });
    expect(item({ video: '' })).not.toHaveProperty('error');
    expect(item({ seconds: '0' })).toEqual({
      error: 'Item 2: its length is a number of seconds from 0 to 600.',
    });
    expect(parseCampaignForm(values({ ...uploaded(0) }))).toEqual({
      error: 'Add at least one item: its pose track, its audio or both.',
    });

    const gap = uploaded(2, { baselines: ['b'] });
    gap.clips!.items[1].baselines = [''];
    expect(parseCampaignForm(values(gap))).toEqual({ error: 'Baseline “b” needs a clip for item 2.' });
    expect(parseCampaignForm(values(uploaded(1, { baselines: ['x', 'x'] })))).toEqual({
      error: 'Two baselines are called “x”: each needs its own name.',
    });
    expect(parseCampaignForm(values(uploaded(1, { baselines: [''] })))).toEqual({
      error: 'Baseline 1: give it a name (raters never see it).',
    });
    // A baseline alone is a system.
    expect(
      parseCampaignForm(values({ versions: [], groundTruth: false, ...uploaded(1, { baselines: ['b'] }) })),
    ).toHaveProperty('systems', [{ kind: 'BASELINE', label: 'b', baselineUploadIds: ['baseline-0-0'] }]);
  });
});

/** A split's items as the API pages them: ordered by segment id, which is not the videos' order. */
const splitItems: ItemSegment[] = [
  {
    id: '1a',
    videoName: 'salsa-night.mp4',
    startSeconds: 12.5,
    lengthSeconds: 25,
    genre: 'House',
    hasVideo: true,
  },
  {
    id: '2b',
    videoName: 'krump-battle.mp4',
    startSeconds: 0,
    lengthSeconds: 25,
    genre: 'Krump',
    hasVideo: true,
  },
  { id: '3c', videoName: null, startSeconds: 65, lengthSeconds: 50, genre: null, hasVideo: false },
];

/** Items from the split with baselines `labels`, and baseline rows `[segment, ...clips]`. */
const fromSplit = (labels: string[], rows: string[][], over: Partial<CampaignFormValues> = {}) =>
  values({
    clips: {
      ...EMPTY_CLIP_ROWS,
      baselines: labels,
      segments: rows.map(([segment, ...clips]) => ({ segment, baselines: clips })),
    },
    ...over,
  });

describe('parseCampaignForm with baselines over a frozen split', () => {
  it('says which split’s items to read first, and how many, only when baselines are matched to them', () => {
    expect(itemSegmentsNeeded(fromSplit(['paper'], [], { limit: '3' }))).toEqual({
      datasetVersionId: 'dv-1',
      split: 'TEST',
      count: 3,
    });
    // Blank or unreadable: the API's 50; more than the API takes: its 500.
    expect(itemSegmentsNeeded(fromSplit(['paper'], []))).toHaveProperty('count', 50);
    expect(itemSegmentsNeeded(fromSplit(['paper'], [], { limit: '9000' }))).toHaveProperty('count', 500);
    expect(itemSegmentsNeeded(values())).toBeNull();
    expect(itemSegmentsNeeded(fromSplit(['paper'], [], { itemSource: 'UPLOADS' }))).toBeNull();
    expect(itemSegmentsNeeded(fromSplit(['paper'], [], { split: 'ALL' }))).toBeNull();
  });

  it('puts each baseline’s clips in the items’ order, whatever the rows’ order', () => {
    const input = parseCampaignForm(
      fromSplit(
        ['paper', 'ours v0'],
        [
          ['3c', 'paper-3', 'v0-3'],
          ['1a', 'paper-1', 'v0-1'],
          ['2b', 'paper-2', 'v0-2'],
        ],
        { limit: '3' },
      ),
      splitItems,
    );
    expect(input).toMatchObject({
      items: { datasetVersionId: 'dv-1', split: 'TEST', limit: 3 },
      systems: [
        { kind: 'MODEL', modelVersionId: 'v-1' },
        { kind: 'MODEL', modelVersionId: 'v-2' },
        { kind: 'GROUND_TRUTH' },
        { kind: 'BASELINE', label: 'paper', baselineUploadIds: ['paper-1', 'paper-2', 'paper-3'] },
        { kind: 'BASELINE', label: 'ours v0', baselineUploadIds: ['v0-1', 'v0-2', 'v0-3'] },
      ],
    });
    // Without baselines, the rows are not asked about (nor read).
    expect(parseCampaignForm(fromSplit([], [['', '']]))).not.toHaveProperty('error');
  });

  it('names the baseline row to fix, and the segment still without one', () => {
    const rows = [
      ['1a', 'p1'],
      ['2b', 'p2'],
      ['3c', 'p3'],
    ];
    const withRow = (i: number, row: string[]) =>
      parseCampaignForm(
        fromSplit(
          ['paper'],
          rows.map((r, j) => (j === i ? row : r)),
        ),
        splitItems,
      );
    expect(withRow(1, ['', 'p2'])).toEqual({ error: 'Baseline row 2: choose its segment.' });
    expect(withRow(1, ['1a', 'p2'])).toEqual({
      error:
        'Baseline row 2 is for the same segment as row 1 (salsa-night.mp4 · 0:12.5–0:37.5 · House): remove one.',
    });
    expect(withRow(2, ['9z', 'p3'])).toEqual({
      error:
        'Baseline row 3: its segment is not one of the campaign’s 3 items (the split’s first segments): choose another, or raise “Items (at most)”.',
    });
    expect(withRow(2, ['3c', ''])).toEqual({ error: 'Baseline row 3 needs a clip of “paper”.' });
    expect(parseCampaignForm(fromSplit(['paper'], [rows[1]]), splitItems)).toEqual({
      error:
        'Each of the campaign’s 3 items needs a baseline row: add one for salsa-night.mp4 · 0:12.5–0:37.5 · House and 1 more, or lower “Items (at most)”.',
    });
    expect(parseCampaignForm(fromSplit(['paper'], rows.slice(0, 2)), splitItems)).toEqual({
      error:
        'Each of the campaign’s 3 items needs a baseline row: add one for segment 3c · 1:05–1:55 · no genre, or lower “Items (at most)”.',
    });
    expect(parseCampaignForm(fromSplit(['paper', 'paper'], rows), splitItems)).toEqual({
      error: 'Two baselines are called “paper”: each needs its own name.',
    });
    // The action reads the items first; without them nothing is matched by guess.
    expect(parseCampaignForm(fromSplit(['paper'], rows))).toEqual({
      error: 'The split’s segments could not be read to match the baselines: try again.',
    });
  });
});

describe('formatting', () => {
  it('prints a MOS with its interval, or a dash', () => {
    expect(mosText(3.456, 0.312)).toBe('3.46 ± 0.31');
    expect(mosText(4, null)).toBe('4.00');
    expect(mosText(null, null)).toBe('–');
  });

  it('prints p-values', () => {
    expect(pText(0.0004)).toBe('< 0.001');
    expect(pText(0.04567)).toBe('0.046');
    expect(pText(undefined)).toBe('–');
  });

  it('builds the rater link on the console’s origin', () => {
    expect(raterLinkUrl('https://studio.example.com/', 'abc')).toBe('https://studio.example.com/rate/abc');
  });
});
