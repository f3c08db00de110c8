import { MAX_FILE_NAME_LENGTH, uploadFileName } from './upload-file-name';

describe('uploadFileName', () => {
  it('decodes the percent-encoded UTF-8 name the console sends', () => {
    expect(uploadFileName(encodeURIComponent('salsa dance – clip é.mp4'))).toBe('salsa dance – clip é.mp4');
    expect(uploadFileName('plain-ascii.json')).toBe('plain-ascii.json');
    // Not valid percent-encoding: taken as it came.
    expect(uploadFileName('100%.json')).toBe('100%.json');
  });

  it('keeps only the name: no folders, control or direction-override characters, runs of spaces', () => {
    expect(uploadFileName(encodeURIComponent('C:\\Users\\me\\clip.mp4'))).toBe('clip.mp4');
    expect(uploadFileName(encodeURIComponent('../../etc/passwd'))).toBe('passwd');
    expect(uploadFileName(encodeURIComponent('evil\u202egpj.mp4'))).toBe('evilgpj.mp4');
    expect(uploadFileName(encodeURIComponent('a\r\nb\t  c.json'))).toBe('ab c.json');
  });

  it('says there is no name when none is left', () => {
    for (const header of [
      undefined,
      '',
      '   ',
      encodeURIComponent('dir/'),
      '..',
      encodeURIComponent('\u0000'),
    ]) {
      expect(uploadFileName(header)).toBeNull();
    }
  });

  it('keeps the end of an overlong name, where its extension is', () => {
    const name = uploadFileName(`${'x'.repeat(400)}.mp4`)!;
    expect(name).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(name.endsWith('.mp4')).toBe(true);
  });
});
