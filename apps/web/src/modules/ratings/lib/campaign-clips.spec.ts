import { clipRowsFrom, EMPTY_CLIP_ROWS } from './campaign-clips';

describe('clipRowsFrom', () => {
  it('reads the form’s rows, trimmed, each item with one clip slot per baseline', () => {
    const rows = clipRowsFrom(
      JSON.stringify({
        baselines: [' paper ', 'other'],
        items: [{ poses: ' p ', audio: 'a', video: '', genre: 'House', seconds: '4', baselines: ['b1'] }],
        gold: [{ uploadId: 'g', score: '5' }],
        anchors: [{ uploadId: 'a', score: 1 }],
      }),
    );
    expect(rows).toEqual({
      baselines: ['paper', 'other'],
      items: [{ poses: 'p', audio: 'a', video: '', genre: 'House', seconds: '4', baselines: ['b1', ''] }],
      gold: [{ uploadId: 'g', score: '5' }],
      // A number where text belongs reads as blank, and the score check then names the row.
      anchors: [{ uploadId: 'a', score: '' }],
    });
  });

  it('reads anything else as no rows, without throwing', () => {
    for (const junk of ['', 'not json', 'null', '[1,2]', '{"items": "x", "gold": [null, 3]}']) {
      const rows = clipRowsFrom(junk);
      expect(rows.items).toEqual([]);
      expect(rows.baselines).toEqual([]);
      expect(rows.anchors).toEqual([]);
    }
    expect(clipRowsFrom('{"gold": [null]}').gold).toEqual([{ uploadId: '', score: '' }]);
    expect(clipRowsFrom('')).toEqual(EMPTY_CLIP_ROWS);
  });
});
