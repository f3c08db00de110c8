import { directoryOf } from './actors';
import { contractSummary, provenanceLine, versionName } from './version-words';

const directory = directoryOf(
  [{ user: { id: 'user-1', email: 'ada@example.com' } }],
  [{ id: 'key-1', name: 'ci pusher' }],
);
const createdAt = '2026-12-07T09:30:00.000Z';
const provenance = {
  source: 'UPLOADED' as const,
  createdBy: null,
  createdByApiKey: null,
  datasetVersionId: null,
  trainingRunId: null,
};

describe('versionName', () => {
  it('names a version by its model and number with its card, the built-in as the default', () => {
    const version = { modelName: 'dancer', number: 2, label: 'loris@0.2.0', builtIn: false };
    expect(versionName(version, 'id')).toBe('dancer #2 (loris@0.2.0)');
    expect(versionName({ ...version, modelName: 'default', number: 1, builtIn: true }, 'id')).toBe(
      'built-in default (loris@0.2.0)',
    );
    expect(versionName(undefined, '0123456789abcdef')).toBe('version 01234567');
  });
});

describe('provenanceLine', () => {
  it('says a built-in version was shipped', () => {
    expect(provenanceLine({ createdAt, provenance: { ...provenance, source: 'BUILTIN' } }, directory)).toBe(
      'Built in, shipped with LORIS Studio',
    );
  });

  it('names who uploaded a version, member or key, and when', () => {
    const byMember = { ...provenance, createdBy: 'user-1' };
    expect(provenanceLine({ createdAt, provenance: byMember }, directory)).toBe(
      'Uploaded by ada@example.com on 7 Dec 2026, 09:30 UTC',
    );
    const byKey = { ...provenance, createdByApiKey: 'key-1' };
    expect(provenanceLine({ createdAt, provenance: byKey }, directory)).toMatch(/^Uploaded by API key “ci pusher” on/);
    const unlisted = { ...provenance, createdByApiKey: 'key-2' };
    expect(provenanceLine({ createdAt, provenance: unlisted }, directory)).toMatch(/^Uploaded by an API key on/);
    const gone = { ...provenance, createdBy: 'user-9' };
    expect(provenanceLine({ createdAt, provenance: gone }, directory)).toMatch(/^Uploaded by a former member/);
  });

  it('says which dataset version and run a trained version came from', () => {
    const trained = {
      ...provenance,
      source: 'TRAINED' as const,
      datasetVersionId: 'dsv-0123456789',
      trainingRunId: 'run-0123456789',
    };
    expect(provenanceLine({ createdAt, provenance: trained }, directory, { datasetId: 'd', number: 3 })).toBe(
      'Trained from dataset version 3 (run run-0123) on 7 Dec 2026, 09:30 UTC',
    );
    expect(provenanceLine({ createdAt, provenance: trained }, directory)).toMatch(
      /^Trained from dataset version dsv-0123 \(run run-0123\)/,
    );
  });
});

describe('contractSummary', () => {
  it('gives the rate, the vocabulary size and the segment length', () => {
    expect(contractSummary({ sampleRate: 22050, segmentSeconds: 2.5, genres: ['Pop', 'Break'] })).toBe(
      '22050 Hz · 2 genres · 2.5 s segments',
    );
    expect(contractSummary({ sampleRate: 16000, segmentSeconds: 25, genres: ['Pop'] })).toBe(
      '16000 Hz · 1 genre · 25 s segments',
    );
    expect(contractSummary({ sampleRate: 11025, segmentSeconds: 8192 / 11025, genres: [] })).toBe(
      '11025 Hz · 0 genres · 0.74 s segments',
    );
  });
});
