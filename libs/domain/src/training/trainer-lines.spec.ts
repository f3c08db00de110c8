import { LineSplitter, parseTrainerLine } from './trainer-lines';

describe('parseTrainerLine', () => {
  it('reads each event the trainer prints', () => {
    expect(
      parseTrainerLine('{"event": "step", "step": 3, "loss": 0.5, "lr": 0.001, "secondsPerStep": 0.2}'),
    ).toEqual({
      event: { event: 'step', step: 3, loss: 0.5, lr: 0.001, secondsPerStep: 0.2 },
    });
    expect(parseTrainerLine('{"event": "val", "step": 4, "loss": 0.25}')).toEqual({
      event: { event: 'val', step: 4, loss: 0.25 },
    });
    expect(parseTrainerLine('{"event": "checkpoint", "step": 4, "path": "/r/checkpoints/last.pt"}')).toEqual({
      event: { event: 'checkpoint', step: 4, path: '/r/checkpoints/last.pt' },
    });
    expect(parseTrainerLine('{"event": "cancelled", "step": 5, "checkpoint": "/r/last.pt"}')).toEqual({
      event: { event: 'cancelled', step: 5, checkpoint: '/r/last.pt' },
    });
    expect(
      parseTrainerLine(
        '{"event": "done", "step": 4, "loss": 1, "finalLoss": 0.4, "valLoss": null, "checkpoint": "/c"}',
      ),
    ).toEqual({ event: { event: 'done', step: 4, finalLoss: 0.4, valLoss: null, checkpoint: '/c' } });
    expect(parseTrainerLine('{"event": "error", "code": "INVALID_CONFIG", "message": "bad"}')).toEqual({
      event: { event: 'error', code: 'INVALID_CONFIG', message: 'bad' },
    });
  });

  it('keeps anything else as a log line, never throwing', () => {
    for (const line of [
      'UserWarning: something',
      '{"event": "step", "step": 1, "loss": NaN, "lr": 0.1, "secondsPerStep": 1}',
      '{"event": "step", "step": -1, "loss": 1, "lr": 0.1, "secondsPerStep": 1}',
      '{"event": "mystery"}',
      '{"event": "val"',
      '[1, 2]',
      '{}',
    ]) {
      expect(parseTrainerLine(line)).toEqual({ log: line });
    }
  });
});

describe('LineSplitter', () => {
  it('returns whole lines across chunks and the rest at the end', () => {
    const split = new LineSplitter();
    expect(split.push('a\nb')).toEqual(['a']);
    expect(split.push('c\r\nd\n')).toEqual(['bc', 'd']);
    expect(split.push('tail')).toEqual([]);
    expect(split.end()).toEqual(['tail']);
    expect(split.end()).toEqual([]);
  });

  it('cuts a runaway line instead of growing without bound', () => {
    const split = new LineSplitter(10);
    expect(split.push('x'.repeat(25))).toEqual(['x'.repeat(10)]);
    expect(split.push('\n')).toEqual(['']);
  });
});
