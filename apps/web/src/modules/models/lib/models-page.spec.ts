import { aliasSuggestions, modelsHref, shownModel } from './models-page';

describe('modelsHref', () => {
  it('keeps the chosen model and its versions’ cursor, and pages only within a model', () => {
    expect(modelsHref({})).toBe('/models');
    expect(modelsHref({ model: 'm-1' })).toBe('/models?model=m-1');
    expect(modelsHref({ model: 'm-1', after: 'a b/c' })).toBe('/models?model=m-1&after=a+b%2Fc');
    expect(modelsHref({ after: 'orphan' })).toBe('/models');
  });
});

describe('shownModel', () => {
  const builtIn = { id: 'b', builtIn: true };
  const older = { id: 'o', builtIn: false };
  const newer = { id: 'n', builtIn: false };

  it('opens on the model asked for when it is listed', () => {
    expect(shownModel([builtIn, older, newer], 'o')).toBe(older);
    expect(shownModel([builtIn, older, newer], 'b')).toBe(builtIn);
  });

  it('otherwise opens on the workspace’s newest model, else the built-in, else nothing', () => {
    expect(shownModel([builtIn, older, newer], 'gone')).toBe(newer);
    expect(shownModel([builtIn, older, newer], undefined)).toBe(newer);
    expect(shownModel([builtIn], undefined)).toBe(builtIn);
    expect(shownModel([], undefined)).toBeUndefined();
  });
});

describe('aliasSuggestions', () => {
  it('offers the workspace’s aliases first, then production and staging once each', () => {
    expect(aliasSuggestions([])).toEqual(['production', 'staging']);
    expect(aliasSuggestions(['canary', 'production'])).toEqual(['canary', 'production', 'staging']);
  });
});
