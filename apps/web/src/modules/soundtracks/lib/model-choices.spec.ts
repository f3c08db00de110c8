import { builtInAlias, modelOptions, modelSelector, workspaceDefaultLabel } from './model-choices';

describe('modelOptions', () => {
  it('offers the workspace default first, then each alias, then the built-in', () => {
    expect(modelOptions(['production', 'staging'], () => undefined)).toEqual([
      { value: '', label: workspaceDefaultLabel },
      { value: 'production', label: 'production' },
      { value: 'staging', label: 'staging' },
      { value: 'default', label: 'Built-in default' },
    ]);
  });

  it('names what each choice is served by when that is known', () => {
    const served = (value: string) => ({ '': 'm 0.2.0', staging: 'm 0.3.0', default: 'm 0.1.0' })[value];
    expect(modelOptions(['staging'], served).map((option) => option.label)).toEqual([
      `${workspaceDefaultLabel} · m 0.2.0`,
      'staging · m 0.3.0',
      'Built-in default · m 0.1.0',
    ]);
  });

  it('lists the built-in once, whatever the aliases say', () => {
    const values = modelOptions([builtInAlias, 'production'], () => undefined).map((option) => option.value);
    expect(values).toEqual(['', 'production', 'default']);
  });
});

describe('modelSelector', () => {
  it('sends nothing for the workspace default and an alias otherwise', () => {
    expect(modelSelector('')).toBeUndefined();
    expect(modelSelector(undefined)).toBeUndefined();
    expect(modelSelector('staging')).toEqual({ alias: 'staging' });
    expect(modelSelector('default')).toEqual({ alias: 'default' });
  });
});
