import {
  genresOutsideVocabulary,
  OverrideProblem,
  overrideArgs,
  overridesFromText,
  validateOverrides,
} from './validate-overrides';

const problem = (overrides: unknown) => {
  try {
    validateOverrides(overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(OverrideProblem);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('validateOverrides', () => {
  it('accepts known keys with values of their type', () => {
    expect(
      validateOverrides({
        'train.batch_size': 2,
        'train.lr_new': 1e-3,
        'train.lr_decay': 'cosine',
        'audio.random_offset': false,
        'unet.multipliers': [1, 2, 4],
        'train.betas': [0.9, 0.99],
      }),
    ).toEqual({
      'train.batch_size': 2,
      'train.lr_new': 1e-3,
      'train.lr_decay': 'cosine',
      'audio.random_offset': false,
      'unet.multipliers': [1, 2, 4],
      'train.betas': [0.9, 0.99],
    });
    expect(validateOverrides(null)).toEqual({});
  });

  it('refuses unknown keys, naming them, with a hint when only the section is missing', () => {
    expect(problem({ 'train.batch_sise': 2 })).toBe('unknown trainer config key "train.batch_sise"');
    expect(problem({ batch_size: 2 })).toBe(
      'unknown trainer config key "batch_size" (did you mean train.batch_size?)',
    );
    expect(problem({ train: { batch_size: 2 } })).toBe('unknown trainer config key "train"');
  });

  it('refuses wrong types, naming the key', () => {
    expect(problem({ 'train.batch_size': 2.5 })).toBe('train.batch_size must be a whole number');
    expect(problem({ 'train.batch_size': '2' })).toBe('train.batch_size must be a whole number');
    expect(problem({ 'train.lr_new': 'fast' })).toBe('train.lr_new must be a number');
    expect(problem({ 'audio.random_offset': 1 })).toBe('audio.random_offset must be true or false');
    expect(problem({ 'train.lr_decay': 'linear' })).toBe('train.lr_decay must be one of constant, cosine');
    expect(problem({ 'unet.multipliers': 4 })).toBe('unet.multipliers must be a list of whole numbers');
    expect(problem({ 'unet.multipliers': [1, 'x'] })).toBe('unet.multipliers[1] must be a whole number');
    expect(problem({ 'train.batch_size': null })).toBe('train.batch_size must not be null');
    expect(problem({ 'train.steps': 10 })).toMatch(/^train\.steps cannot be overridden/);
    expect(problem([1])).toMatch(/^overrides must be an object/);
  });
});

describe('overridesFromText', () => {
  it('types text by the schema', () => {
    expect(
      overridesFromText([
        { key: 'train.batch_size', value: '2' },
        { key: 'train.lr_decay', value: 'cosine' },
        { key: 'name', value: '"123"' },
        { key: 'audio.random_offset', value: 'false' },
        { key: 'unet.multipliers', value: '[1, 2]' },
      ]),
    ).toEqual({
      'train.batch_size': 2,
      'train.lr_decay': 'cosine',
      name: '123',
      'audio.random_offset': false,
      'unet.multipliers': [1, 2],
    });
  });

  it('leaves what does not fit for validateOverrides to refuse by name', () => {
    const typed = overridesFromText([
      { key: 'train.batch_size', value: 'two' },
      { key: 'nope', value: '1' },
    ]);
    expect(typed).toEqual({ 'train.batch_size': 'two', nope: '1' });
    expect(() => validateOverrides(typed)).toThrow('train.batch_size must be a whole number');
    expect(() => overridesFromText([{ key: 'unet.multipliers', value: '[1,' }])).toThrow(
      /must be written as JSON/,
    );
    expect(() =>
      overridesFromText([
        { key: 'train.batch_size', value: '1' },
        { key: 'train.batch_size', value: '2' },
      ]),
    ).toThrow('train.batch_size is given twice');
  });
});

it('writes --set arguments the trainer reads back as the same values', () => {
  expect(overrideArgs({ 'train.batch_size': 2, name: '123', 'unet.multipliers': [1, 2] })).toEqual([
    '--set=train.batch_size=2',
    '--set=name="123"',
    '--set=unet.multipliers=[1,2]',
  ]);
});

describe('genresOutsideVocabulary', () => {
  it("checks the dataset's genres against the preset's vocabulary (the trainer's, from its schema)", () => {
    expect(genresOutsideVocabulary('tiny', {}, ['House', 'Krump'])).toMatchObject({ missing: [] });
    expect(genresOutsideVocabulary('paper', {}, ['House', 'Floor exercise'])).toMatchObject({
      missing: ['Floor exercise'],
    });
  });

  it('takes an override of conditions.genres as the whole vocabulary', () => {
    const overrides = { 'conditions.genres': ['Floor exercise', 'House'] };
    expect(genresOutsideVocabulary('tiny', overrides, ['House', 'Floor exercise'])).toEqual({
      vocabulary: ['Floor exercise', 'House'],
      missing: [],
    });
    expect(genresOutsideVocabulary('tiny', overrides, ['Pop']).missing).toEqual(['Pop']);
  });
});
