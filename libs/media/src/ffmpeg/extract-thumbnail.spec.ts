import { InvalidMedia } from '../media.errors';
import { VTEST_CLIP } from '../media-fixtures.testing';
import { extractThumbnail } from './extract-thumbnail';

jest.setTimeout(60_000);

describe('extractThumbnail', () => {
  it('returns one JPEG frame of the video, scaled to the width asked', async () => {
    const jpeg = await extractThumbnail(VTEST_CLIP, { atSeconds: 3, width: 160 });
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]); // JPEG SOI marker
    expect([...jpeg.subarray(-2)]).toEqual([0xff, 0xd9]); // and EOI: one whole image
    // SOF0 frame header: height and width after the marker, length and precision.
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    expect(jpeg.readUInt16BE(sof + 7)).toBe(160);
    expect(jpeg.readUInt16BE(sof + 5)).toBe(120); // 768x576 is 4:3
  });

  it('refuses, in words, a time past the end of the video', async () => {
    await expect(extractThumbnail(VTEST_CLIP, { atSeconds: 60 })).rejects.toThrow(InvalidMedia);
    await expect(extractThumbnail(VTEST_CLIP, { atSeconds: 60 })).rejects.toThrow(
      /No frame could be decoded at 60\.0 s/,
    );
  });
});
