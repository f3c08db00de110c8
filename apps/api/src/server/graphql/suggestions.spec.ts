import { withoutSuggestions } from './suggestions';

describe('withoutSuggestions', () => {
  it("drops graphql-js' suggestions and keeps the rest of the message", () => {
    const error = { message: 'Cannot query field "mee" on type "Query". Did you mean "me"?' };
    expect(withoutSuggestions(error).message).toBe('Cannot query field "mee" on type "Query".');
    const several = { message: 'Unknown argument "frist". Did you mean "first" or "after"? Next.' };
    expect(withoutSuggestions(several).message).toBe('Unknown argument "frist". Next.');
  });

  it('strips every error of a run, not every other one', () => {
    const errors = Array.from({ length: 4 }, () => ({
      message: 'Unknown type "Quey". Did you mean "Query"?',
    }));
    expect(errors.map((e) => withoutSuggestions(e).message)).toEqual(Array(4).fill('Unknown type "Quey".'));
  });

  it('leaves other messages alone', () => {
    const error = { message: 'Unknown genre "Polka"', extensions: { code: 'BAD_USER_INPUT' } };
    expect(withoutSuggestions(error)).toBe(error);
  });
});
