import { mosText, parseCampaignForm, pText, raterLinkUrl, type CampaignFormValues } from './campaign-form';

const values = (over: Partial<CampaignFormValues> = {}): CampaignFormValues => ({
  name: ' Tiny MOS ',
  question: '',
  versions: ['v-1|loris v1 (tiny)', 'v-2|loris v2 (big)'],
  groundTruth: true,
  sampler: '',
  steps: '',
  seed: '',
  datasetVersionId: 'dv-1',
  split: 'TEST',
  limit: '',
  seconds: '',
  votesPerClip: '10',
  clipsPerSession: '12',
  trapsPerSession: '',
  ...over,
});

describe('parseCampaignForm', () => {
  it('assembles systems from the ticked versions and ground truth, items from the split', () => {
    expect(parseCampaignForm(values({ steps: '2', seed: '3', limit: '2', seconds: '1.5' }))).toEqual({
      name: 'Tiny MOS',
      systems: [
        { kind: 'MODEL', label: 'loris v1 (tiny)', modelVersionId: 'v-1', steps: 2, seed: 3 },
        { kind: 'MODEL', label: 'loris v2 (big)', modelVersionId: 'v-2', steps: 2, seed: 3 },
        { kind: 'GROUND_TRUTH', label: 'ground truth' },
      ],
      items: { datasetVersionId: 'dv-1', split: 'TEST', limit: 2, seconds: 1.5 },
      votesPerClip: 10,
      clipsPerSession: 12,
    });
  });

  it('leaves blanks out, so the API’s P.808 defaults apply', () => {
    const input = parseCampaignForm(values({ votesPerClip: '', clipsPerSession: '', groundTruth: false }));
    expect(input).not.toHaveProperty('votesPerClip');
    expect(input).not.toHaveProperty('question');
    expect(input).not.toHaveProperty('trapsPerSession');
    expect(input).toHaveProperty('systems', [
      { kind: 'MODEL', label: 'loris v1 (tiny)', modelVersionId: 'v-1' },
      { kind: 'MODEL', label: 'loris v2 (big)', modelVersionId: 'v-2' },
    ]);
  });

  it('refuses what cannot be a campaign, in words', () => {
    expect(parseCampaignForm(values({ name: ' ' }))).toEqual({ error: 'Give the campaign a name.' });
    expect(parseCampaignForm(values({ versions: [], groundTruth: false }))).toEqual({
      error: 'Tick at least one system: a model version or ground truth.',
    });
    expect(parseCampaignForm(values({ datasetVersionId: '' }))).toHaveProperty('error');
    expect(parseCampaignForm(values({ split: 'ALL' }))).toEqual({ error: 'Choose TEST, VALID or TRAIN.' });
    expect(parseCampaignForm(values({ votesPerClip: '2.5' }))).toEqual({
      error: 'Votes per clip must be a whole number of at least 1.',
    });
    expect(parseCampaignForm(values({ trapsPerSession: '-1' }))).toHaveProperty('error');
    expect(parseCampaignForm(values({ seconds: '0' }))).toEqual({
      error: 'Clip length is a number of seconds from 0 to 600.',
    });
    expect(parseCampaignForm(values({ seconds: 'ten' }))).toHaveProperty('error');
  });

  it('takes zero trapping clips (a choice) but not zero clips per session', () => {
    expect(parseCampaignForm(values({ trapsPerSession: '0' }))).toHaveProperty('trapsPerSession', 0);
    expect(parseCampaignForm(values({ clipsPerSession: '0' }))).toHaveProperty('error');
  });
});

describe('formatting', () => {
  it('prints a MOS with its interval, or a dash', () => {
    expect(mosText(3.456, 0.312)).toBe('3.46 ± 0.31');
    expect(mosText(4, null)).toBe('4.00');
    expect(mosText(null, null)).toBe('–');
  });

  it('prints p-values', () => {
    expect(pText(0.0004)).toBe('< 0.001');
    expect(pText(0.04567)).toBe('0.046');
    expect(pText(undefined)).toBe('–');
  });

  it('builds the rater link on the console’s origin', () => {
    expect(raterLinkUrl('https://studio.example.com/', 'abc')).toBe('https://studio.example.com/rate/abc');
  });
});
