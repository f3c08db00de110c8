import { curveColumns, formatDuration, mergePoints } from './run-progress';
import { parseRunRequest } from './run-request';

describe('formatDuration', () => {
  it('reads as a person would say it', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(7.4)).toBe('7 s');
    expect(formatDuration(200)).toBe('3 min 20 s');
    expect(formatDuration(7260)).toBe('2 h 1 min');
  });
});

describe('points', () => {
  it('merges polled points, a repeated step replacing the old one', () => {
    const held = [
      { kind: 'train', step: 1, loss: 3 },
      { kind: 'train', step: 2, loss: 2 },
    ];
    expect(
      mergePoints(held, [
        { kind: 'train', step: 2, loss: 1.5 },
        { kind: 'val', step: 2, loss: 1.8 },
        { kind: 'train', step: 3, loss: 1 },
      ]),
    ).toEqual([
      { kind: 'train', step: 1, loss: 3 },
      { kind: 'train', step: 2, loss: 1.5 },
      { kind: 'val', step: 2, loss: 1.8 },
      { kind: 'train', step: 3, loss: 1 },
    ]);
  });

  it('lays the curves out by step, with gaps where a kind has no point', () => {
    expect(
      curveColumns([
        { kind: 'train', step: 1, loss: 3 },
        { kind: 'train', step: 2, loss: 2 },
        { kind: 'val', step: 2, loss: 2.5 },
      ]),
    ).toEqual([
      [1, 2],
      [3, 2],
      [null, 2.5],
    ]);
  });
});

describe('parseRunRequest', () => {
  const fields = {
    datasetVersionId: ' v1 ',
    config: 'TINY',
    backend: 'LOCAL',
    steps: '20',
    modelName: '',
    overrides: 'train.batch_size=2\n# a comment\n\ntrain.lr_decay = cosine\n',
  };

  it('reads the form into the mutation input', () => {
    expect(parseRunRequest(fields)).toEqual({
      datasetVersionId: 'v1',
      config: 'TINY',
      backend: 'LOCAL',
      steps: 20,
      overrides: [
        { key: 'train.batch_size', value: '2' },
        { key: 'train.lr_decay', value: 'cosine' },
      ],
    });
  });

  it('says what to fix', () => {
    expect(parseRunRequest({ ...fields, steps: '2.5' })).toEqual({
      error: 'Steps must be a whole number of at least 1.',
    });
    expect(parseRunRequest({ ...fields, overrides: 'batch' })).toEqual({
      error: 'Override line 1 must look like train.batch_size=2.',
    });
    expect(parseRunRequest({ ...fields, datasetVersionId: '' })).toEqual({
      error: 'Give the id of a frozen dataset version.',
    });
  });
});
