import { asSentences } from './as-sentences';

describe('asSentences', () => {
  it("makes the API's lowercase validation message a sentence", () => {
    expect(asSentences('name must be between 1 and 100 characters long')).toBe(
      'Name must be between 1 and 100 characters long.',
    );
  });

  it('makes each of several joined messages its own sentence', () => {
    expect(
      asSentences('email must be an email; password must be longer than or equal to 12 characters'),
    ).toBe('Email must be an email. Password must be longer than or equal to 12 characters.');
  });

  it('leaves sentences as they are', () => {
    const said = 'Too many requests in a short time. Wait a few seconds and try again.';
    expect(asSentences(said)).toBe(said);
    expect(asSentences('Are you sure?')).toBe('Are you sure?');
  });

  it('ignores empty parts and surrounding space', () => {
    expect(asSentences('  wrong email or password ;  ')).toBe('Wrong email or password.');
  });
});
