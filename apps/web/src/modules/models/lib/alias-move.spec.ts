import { parseAliasMove } from './alias-move';

describe('parseAliasMove', () => {
  it('passes a named alias and a chosen version on as they are, for the API to judge', () => {
    expect(parseAliasMove('production', 'v-1')).toEqual({ name: 'production', versionId: 'v-1' });
    expect(parseAliasMove('Not Valid', 'v-1')).toEqual({ name: 'Not Valid', versionId: 'v-1' });
  });

  it('says in words what is missing', () => {
    expect(parseAliasMove('', 'v-1')).toEqual({
      error: 'Name the alias to move, such as production or staging.',
    });
    expect(parseAliasMove('staging', '')).toEqual({ error: 'Choose the version the alias will point at.' });
  });
});
