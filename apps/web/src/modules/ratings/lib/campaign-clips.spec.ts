import {
  addBaseline,
  clipRowsFrom,
  EMPTY_CLIP_ROWS,
  fillSegmentRows,
  removeBaseline,
  segmentLabel,
  splitItemCount,
  uploadChoice,
  type ItemSegment,
} from './campaign-clips';

describe('clipRowsFrom', () => {
  it('reads the form’s rows, trimmed, each item with one clip slot per baseline', () => {
    const rows = clipRowsFrom(
      JSON.stringify({
        baselines: [' paper ', 'other'],
        items: [{ poses: ' p ', audio: 'a', video: '', genre: 'House', seconds: '4', baselines: ['b1'] }],
        segments: [{ segment: ' s-1 ', baselines: ['c1', 'c2', 'extra'] }, { baselines: 'x' }],
        gold: [{ uploadId: 'g', score: '5' }],
        anchors: [{ uploadId: 'a', score: 1 }],
      }),
    );
    expect(rows).toEqual({
      baselines: ['paper', 'other'],
      items: [{ poses: 'p', audio: 'a', video: '', genre: 'House', seconds: '4', baselines: ['b1', ''] }],
      segments: [
        { segment: 's-1', baselines: ['c1', 'c2'] },
        { segment: '', baselines: ['', ''] },
      ],
      gold: [{ uploadId: 'g', score: '5' }],
      // A number where text belongs reads as blank, and the score check then names the row.
      anchors: [{ uploadId: 'a', score: '' }],
    });
  });

  it('reads anything else as no rows, without throwing', () => {
    for (const junk of ['', 'not json', 'null', '[1,2]', '{"items": "x", "gold": [null, 3]}']) {
      const rows = clipRowsFrom(junk);
      expect(rows.items).toEqual([]);
      expect(rows.segments).toEqual([]);
      expect(rows.baselines).toEqual([]);
      expect(rows.anchors).toEqual([]);
    }
    expect(clipRowsFrom('{"gold": [null]}').gold).toEqual([{ uploadId: '', score: '' }]);
    expect(clipRowsFrom('')).toEqual(EMPTY_CLIP_ROWS);
  });
});

const segment = (id: string, over: Partial<ItemSegment> = {}): ItemSegment => ({
  id,
  videoName: `${id}.mp4`,
  startSeconds: 0,
  lengthSeconds: 25,
  genre: 'House',
  hasVideo: true,
  ...over,
});

describe('baseline systems and rows', () => {
  it('adds and removes a baseline’s clip in every row of uploaded items and of segments alike', () => {
    const rows = {
      ...EMPTY_CLIP_ROWS,
      baselines: ['a', 'b'],
      items: [{ poses: 'p', audio: '', video: '', genre: '', seconds: '', baselines: ['a1', 'b1'] }],
      segments: [{ segment: 's', baselines: ['a-s', 'b-s'] }],
    };
    const added = addBaseline(rows);
    expect(added.baselines).toEqual(['a', 'b', '']);
    expect(added.items[0].baselines).toEqual(['a1', 'b1', '']);
    expect(added.segments[0].baselines).toEqual(['a-s', 'b-s', '']);
    const removed = removeBaseline(added, 0);
    expect(removed.baselines).toEqual(['b', '']);
    expect(removed.items[0].baselines).toEqual(['b1', '']);
    expect(removed.segments[0].baselines).toEqual(['b-s', '']);
  });

  it('adds a row for each item that has none, in the items’ order, keeping the rows there are', () => {
    const rows = { ...EMPTY_CLIP_ROWS, baselines: ['a'], segments: [{ segment: 's2', baselines: ['x'] }] };
    expect(fillSegmentRows(rows, [segment('s1'), segment('s2'), segment('s3')]).segments).toEqual([
      { segment: 's2', baselines: ['x'] },
      { segment: 's1', baselines: [''] },
      { segment: 's3', baselines: [''] },
    ]);
  });

  it('names a segment by its video, where in it, and its genre', () => {
    expect(segmentLabel(segment('s', { startSeconds: 12.5 }))).toBe('s.mp4 · 0:12.5–0:37.5 · House');
    expect(
      segmentLabel(
        segment('0123456789abcdef', { videoName: null, startSeconds: 65, lengthSeconds: 50, genre: null }),
      ),
    ).toBe('segment 01234567 · 1:05–1:55 · no genre');
  });

  it('reads “Items (at most)” as the API does: blank 50, at most 500', () => {
    expect(splitItemCount('')).toBe(50);
    expect(splitItemCount('7')).toBe(7);
    expect(splitItemCount('2.5')).toBe(50);
    expect(splitItemCount('100000')).toBe(500);
  });
});

describe('uploadChoice', () => {
  it('says who sent an upload, a departed member’s included', () => {
    const upload = { id: 'u-1', fileName: 'take.wav', durationSeconds: 4 };
    expect(
      uploadChoice({ ...upload, uploadedBy: 'MEMBER', uploaderEmail: 'ana@example.com' }, 'today').label,
    ).toBe('take.wav · 4.0 s · by ana@example.com · today');
    expect(uploadChoice({ ...upload, uploadedBy: 'FORMER_MEMBER', uploaderEmail: null }, 'today').label).toBe(
      'take.wav · 4.0 s · by a former member · today',
    );
    expect(uploadChoice({ ...upload, uploadedBy: 'API_KEY' }, 'today').label).toBe(
      'take.wav · 4.0 s · by an API key · today',
    );
    // Just sent from the form: no sender to say.
    expect(uploadChoice({ id: 'u-2', fileName: null }, 'uploaded just now').label).toBe(
      'upload u-2 · uploaded just now',
    );
  });
});
