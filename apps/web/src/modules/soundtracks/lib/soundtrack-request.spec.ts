import { parseSoundtrackRequest, type GenerateFormValues } from './soundtrack-request';

const blank: GenerateFormValues = {
  uploadId: 'upload-1',
  uploadKind: 'POSES',
  genre: 'Pop',
  seconds: '',
  seed: '',
  steps: '',
  sampler: '',
  guidance: '',
};

describe('parseSoundtrackRequest', () => {
  it('leaves every blank setting to the model (null) and sends a pose upload as posesUploadId', () => {
    expect(parseSoundtrackRequest(blank)).toEqual({
      input: {
        posesUploadId: 'upload-1',
        videoUploadId: null,
        genre: 'Pop',
        seconds: null,
        seed: null,
        steps: null,
        sampler: null,
        guidance: null,
      },
    });
  });

  it('sends a video upload as videoUploadId, with the settings typed', () => {
    const parsed = parseSoundtrackRequest({
      ...blank,
      uploadKind: 'VIDEO',
      seconds: '12.5',
      seed: '42',
      steps: '25',
      sampler: 'heun',
      guidance: '7.5',
    });
    expect(parsed).toEqual({
      input: {
        posesUploadId: null,
        videoUploadId: 'upload-1',
        genre: 'Pop',
        seconds: 12.5,
        seed: 42,
        steps: 25,
        sampler: 'heun',
        guidance: 7.5,
      },
    });
  });

  it.each([
    [{ uploadId: '' }, 'Upload a video or a pose track first.'],
    [{ uploadKind: 'WAV' }, 'A soundtrack is made from a video or a pose track; upload one of those.'],
    [{ genre: '' }, 'Choose a genre.'],
    [{ sampler: 'ddim' }, 'Sampler must be one of adpm2, euler, heun, dpmpp-2m.'],
    [{ seconds: 'ten' }, 'Seconds must be a number.'],
    [{ seed: '1.5' }, 'Seed must be a whole number.'],
    [{ seed: '-1' }, 'Seed must be at least 0.'],
    [{ steps: '0' }, 'Steps must be at least 1.'],
    [{ guidance: 'Infinity' }, 'Guidance must be a number.'],
  ])('refuses %j in words', (change, words) => {
    expect(parseSoundtrackRequest({ ...blank, ...change })).toEqual({ error: words });
  });

  it('sends a chosen model as its alias, and nothing for the workspace default', () => {
    expect(parseSoundtrackRequest({ ...blank, model: 'staging' })).toMatchObject({
      input: { model: { alias: 'staging' } },
    });
    expect(parseSoundtrackRequest({ ...blank, model: 'default' })).toMatchObject({
      input: { model: { alias: 'default' } },
    });
    const workspaceDefault = parseSoundtrackRequest({ ...blank, model: '' });
    expect(workspaceDefault).toEqual(parseSoundtrackRequest(blank));
    expect('input' in workspaceDefault && 'model' in workspaceDefault.input).toBe(false);
  });

  it('leaves ranges to the API, which knows the model', () => {
    const parsed = parseSoundtrackRequest({ ...blank, seconds: '100000', steps: '100000' });
    expect(parsed).toMatchObject({ input: { seconds: 100000, steps: 100000 } });
  });
});
