import { FLOAT_LIMIT, inputRuleViolation } from './input-rule';

describe('inputRuleViolation', () => {
  it('lets ordinary text, pairs of surrogates (emoji) and numbers in range through', () => {
    expect(
      inputRuleViolation({ name: 'Ada 💃 Lab', guidance: 20, seed: 0, tags: ['a'] }, 'input'),
    ).toBeNull();
    expect(inputRuleViolation(-FLOAT_LIMIT, 'x')).toBeNull();
    expect(inputRuleViolation(null, 'x')).toBeNull();
  });

  it('refuses NUL anywhere, naming the field down to list items', () => {
    expect(inputRuleViolation({ name: 'a\u0000' }, 'input')).toBe(
      'input.name must not contain the NUL character (U+0000)',
    );
    expect(inputRuleViolation({ tags: ['ok', '\u0000'] }, 'input')).toMatch(/^input\.tags\[1\] must not/);
  });

  it('refuses lone surrogates, high or low', () => {
    expect(inputRuleViolation('a\ud800', 'id')).toMatch(/^id must be valid Unicode text/);
    expect(inputRuleViolation('\udc00b', 'id')).toMatch(/lone surrogate/);
  });

  it('refuses numbers outside float32 range or not finite', () => {
    for (const n of [1e39, -1e39, Infinity, NaN]) {
      expect(inputRuleViolation({ guidance: n }, 'input')).toBe(
        'input.guidance must be a finite number between -3.4e38 and 3.4e38',
      );
    }
  });

  it('names top-level fields of an unnamed argument set by their own name', () => {
    expect(inputRuleViolation({ after: '\u0000' }, '')).toMatch(/^after must not/);
  });
});
