import { compareIds, parseEvaluationForm, score } from './evaluation-form';

const blank = {
  modelVersionIds: ['v1'],
  datasetVersionId: 'd1',
  split: '',
  sampler: '',
  steps: '',
  guidance: '',
  seeds: '',
};

describe('the New evaluation form', () => {
  it('leaves blank settings to the card', () => {
    expect(parseEvaluationForm(blank)).toEqual({ modelVersionIds: ['v1'], datasetVersionId: 'd1' });
  });

  it('sends the settings typed, seeds as numbers', () => {
    expect(
      parseEvaluationForm({
        ...blank,
        split: 'VALID',
        sampler: 'dpmpp-2m',
        steps: '20',
        guidance: '2.5',
        seeds: '0, 1',
      }),
    ).toEqual({
      modelVersionIds: ['v1'],
      datasetVersionId: 'd1',
      split: 'VALID',
      sampler: 'dpmpp-2m',
      steps: 20,
      guidance: 2.5,
      seeds: [0, 1],
    });
  });

  it('says what is missing or malformed', () => {
    expect(parseEvaluationForm({ ...blank, modelVersionIds: [] })).toEqual({
      error: 'Tick at least one model version to evaluate.',
    });
    expect(parseEvaluationForm({ ...blank, datasetVersionId: '' })).toHaveProperty('error');
    expect(parseEvaluationForm({ ...blank, steps: '2.5' })).toEqual({
      error: 'Steps must be a whole number.',
    });
    expect(parseEvaluationForm({ ...blank, seeds: '1,x' })).toHaveProperty('error');
  });
});

describe('the compare page', () => {
  it('takes ids comma-separated or repeated, each once', () => {
    expect(compareIds('a,b, a')).toEqual(['a', 'b']);
    expect(compareIds(['a', 'c,b'])).toEqual(['a', 'c', 'b']);
    expect(compareIds(undefined)).toEqual([]);
  });

  it('prints scores with one decimal, x100 when asked, and a dash for none', () => {
    expect(score(98.76)).toBe('98.8');
    expect(score(0.5, true)).toBe('50.0');
    expect(score(null)).toBe('–');
  });
});
