import { preferencesToRestore, preferencesToStore } from './generate-preferences';

const choices = { genres: ['Pop', 'HipHop'], samplers: ['euler', 'heun'] };

describe('Generate form preferences', () => {
  it('stores the genre and sampling settings, not the input, its length or the seed', () => {
    expect(
      preferencesToStore({
        uploadId: 'u1',
        uploadKind: 'VIDEO',
        seconds: '6',
        seed: '7',
        genre: 'HipHop',
        sampler: 'heun',
        steps: '40',
        guidance: '',
      }),
    ).toEqual({ genre: 'HipHop', sampler: 'heun', steps: '40', guidance: '' });
  });

  it('restores what was stored', () => {
    const stored = JSON.stringify({ genre: 'HipHop', sampler: 'heun', steps: '40', guidance: '2.5' });
    expect(preferencesToRestore(stored, choices)).toEqual({
      genre: 'HipHop',
      sampler: 'heun',
      steps: '40',
      guidance: '2.5',
    });
  });

  it('drops what the form no longer offers or is not a number, and survives bad storage', () => {
    const stored = JSON.stringify({ genre: 'Polka', sampler: 'ddim', steps: 'many', guidance: '' });
    expect(preferencesToRestore(stored, choices)).toEqual({ guidance: '' });
    expect(preferencesToRestore('{not json', choices)).toEqual({});
    expect(preferencesToRestore('null', choices)).toEqual({});
    expect(preferencesToRestore(null, choices)).toEqual({});
  });
});
