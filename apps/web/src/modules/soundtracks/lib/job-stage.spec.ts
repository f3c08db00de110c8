import { formatEta, stageLine } from './job-stage';

describe('formatEta', () => {
  it('reads as seconds, then minutes', () => {
    expect(formatEta(12.3)).toBe('about 13 s left');
    expect(formatEta(0.2)).toBe('about 1 s left');
    expect(formatEta(0)).toBe('almost done');
    expect(formatEta(125)).toBe('about 2 min 5 s left');
    expect(formatEta(120)).toBe('about 2 min left');
    expect(formatEta(null)).toBeNull();
    expect(formatEta(Number.NaN)).toBeNull();
  });
});

describe('stageLine', () => {
  it('names the stage of a running job, with the ETA only while generating', () => {
    expect(stageLine({ status: 'RUNNING', stage: 'ESTIMATING_POSES', etaSeconds: null })).toEqual({
      words: 'Estimating poses',
      eta: null,
    });
    expect(stageLine({ status: 'RUNNING', stage: 'GENERATING', etaSeconds: 9.6 })).toEqual({
      words: 'Generating',
      eta: 'about 10 s left',
    });
    expect(stageLine({ status: 'RUNNING', stage: 'MUXING', etaSeconds: 3 })).toEqual({
      words: 'Muxing the video',
      eta: null,
    });
  });

  it('says where a failed job stopped, and nothing for a queued or succeeded one', () => {
    expect(stageLine({ status: 'FAILED', stage: 'MUXING' })?.words).toBe('Stopped while muxing the video');
    expect(stageLine({ status: 'QUEUED', stage: 'QUEUED' })).toBeNull();
    expect(stageLine({ status: 'SUCCEEDED', stage: 'DONE' })).toBeNull();
    expect(stageLine({ status: 'CANCELLED', stage: 'QUEUED' })).toBeNull();
  });
});
