import { freezeDefaults, freezeInput } from './freeze-input';

describe('freezeInput', () => {
  it('turns the defaults into 90/5/5 by video', () => {
    expect(freezeInput(freezeDefaults)).toEqual({
      splitSeed: 0,
      splitBy: 'VIDEO',
      ratios: { train: 0.9, valid: 0.05, test: 0.05 },
    });
  });

  it('takes another seed and a split by segment', () => {
    expect(
      freezeInput({ splitSeed: '42', splitBy: 'SEGMENT', train: '80', valid: '10', test: '10' }),
    ).toEqual({
      splitSeed: 42,
      splitBy: 'SEGMENT',
      ratios: { train: 0.8, valid: 0.1, test: 0.1 },
    });
  });

  it('takes the source split (imported segments’ own lists) as a way to split', () => {
    expect(freezeInput({ ...freezeDefaults, splitBy: 'SOURCE' })).toMatchObject({ splitBy: 'SOURCE' });
  });

  it('says what to fix', () => {
    expect(freezeInput({ ...freezeDefaults, splitSeed: '-1' })).toEqual({
      problem: 'The split seed must be a whole number from 0 to 4294967295.',
    });
    expect(freezeInput({ ...freezeDefaults, splitSeed: '1.5' })).toHaveProperty('problem');
    expect(freezeInput({ ...freezeDefaults, splitBy: 'GENRE' })).toEqual({
      problem: 'Choose whether to split by video, by segment or by source split.',
    });
    expect(freezeInput({ ...freezeDefaults, valid: 'five' })).toEqual({
      problem: 'The validation share must be a percentage from 0 to 100.',
    });
    expect(freezeInput({ ...freezeDefaults, train: '80' })).toEqual({
      problem: 'The train, validation and test shares must add up to 100%.',
    });
  });
});
