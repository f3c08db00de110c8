import { downloadName } from './download-name';

describe('downloadName', () => {
  it('says what the file is: the input without its extension, the genre and the seed', () => {
    expect(downloadName({ inputName: 'salsa-dance-clip.mp4', genre: 'Hiphop', seed: 42 }, 'wav')).toBe(
      'salsa-dance-clip_hiphop_seed42.wav',
    );
    expect(downloadName({ inputName: 'My Dancer (take 2).json', genre: 'Ballet Jazz', seed: 7 }, 'mp4')).toBe(
      'my-dancer-take-2_ballet-jazz_seed7.mp4',
    );
  });

  it('keeps only safe characters: no quotes, slashes or accents reach the header', () => {
    expect(downloadName({ inputName: 'Café "danse"/\\;.mov', genre: 'Pop', seed: 1 }, 'wav')).toBe(
      'cafe-danse_pop_seed1.wav',
    );
  });

  it('falls back to "soundtrack" when the input has no usable name', () => {
    expect(downloadName({ inputName: null, genre: 'Pop', seed: 3 }, 'wav')).toBe('soundtrack_pop_seed3.wav');
    expect(downloadName({ inputName: '舞蹈.mp4', genre: 'Pop', seed: 3 }, 'wav')).toBe(
      'soundtrack_pop_seed3.wav',
    );
  });

  it('cuts a very long name', () => {
    const name = downloadName({ inputName: `${'a'.repeat(300)}.json`, genre: 'Pop', seed: 3 }, 'wav');
    expect(name).toBe(`${'a'.repeat(80)}_pop_seed3.wav`);
  });
});
