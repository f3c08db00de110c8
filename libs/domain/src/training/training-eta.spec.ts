import { runTiming } from './training-eta';

const now = new Date('2026-12-07T12:00:00Z');
const startedAt = new Date('2026-12-07T11:59:00Z');

it('gives the elapsed time and the steps left at the latest speed', () => {
  expect(
    runTiming({ startedAt, endedAt: null, lastStep: 100, steps: 400, secondsPerStep: 0.5 }, false, now),
  ).toEqual({
    elapsedSeconds: 60,
    etaSeconds: 150,
  });
});

it('has no ETA before a speed is known, after the end, or for a run not started', () => {
  expect(
    runTiming({ startedAt, endedAt: null, lastStep: 0, steps: 400, secondsPerStep: null }, false, now),
  ).toEqual({
    elapsedSeconds: 60,
    etaSeconds: null,
  });
  const endedAt = new Date('2026-12-07T11:59:30Z');
  expect(
    runTiming({ startedAt, endedAt, lastStep: 400, steps: 400, secondsPerStep: 0.5 }, true, now),
  ).toEqual({
    elapsedSeconds: 30,
    etaSeconds: null,
  });
  expect(
    runTiming({ startedAt: null, endedAt: null, lastStep: 0, steps: 4, secondsPerStep: null }, false, now),
  ).toEqual({
    elapsedSeconds: null,
    etaSeconds: null,
  });
});

it('never counts negative steps left (a resumed run past its horizon)', () => {
  expect(
    runTiming({ startedAt, endedAt: null, lastStep: 500, steps: 400, secondsPerStep: 1 }, false, now)
      .etaSeconds,
  ).toBe(0);
});
