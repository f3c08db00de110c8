import { ComparisonInput, compareEvaluations, comparisonCsv } from './evaluation-comparison';
import { EvaluationScores } from './evaluation-summary';

const scores = (over: Partial<EvaluationScores>): EvaluationScores => ({
  samples: 4,
  bcs: 0.9,
  csd: 0.1,
  bhs: 0.8,
  hsd: 0.2,
  f1: 0.85,
  onsetF: 0.5,
  rhythmF: 0.4,
  rhythmSamples: 4,
  generateSeconds: 4,
  scoreSeconds: 0.03,
  ...over,
});

const row = (
  id: string,
  over: Partial<EvaluationScores>,
  extra: Partial<ComparisonInput> = {},
): ComparisonInput => ({
  evaluationId: 'e1',
  modelVersionId: id,
  label: `model ${id}`,
  datasetVersionId: 'd1',
  split: 'TEST',
  scorerVersion: 'loris-scorer/1',
  scores: scores(over),
  ...extra,
});

describe('the comparison table', () => {
  it('marks the highest BCS, BHS, F1 and strict F, and the lowest CSD and HSD', () => {
    const { rows } = compareEvaluations([
      row('a', { bcs: 0.95, csd: 0.3, bhs: 0.7, hsd: 0.05, f1: 0.8, onsetF: 0.6, rhythmF: 0.3 }),
      row('b', { bcs: 0.9, csd: 0.1, bhs: 0.85, hsd: 0.2, f1: 0.87, onsetF: 0.5, rhythmF: 0.45 }),
    ]);
    expect(rows[0].best).toEqual(['bcs', 'hsd', 'onsetF']);
    expect(rows[1].best).toEqual(['csd', 'bhs', 'f1', 'rhythmF']);
  });

  it('prints scores x100, as the paper does', () => {
    const { rows } = compareEvaluations([row('a', { bcs: 0.988, csd: null })]);
    expect(rows[0].values.bcs).toBeCloseTo(98.8, 10);
    expect(rows[0].values.csd).toBeNull();
  });

  it('marks every tied row, and nothing in a column no row has a value for', () => {
    const { rows } = compareEvaluations([
      row('a', { bcs: 0.9, csd: null, hsd: null, rhythmF: null }),
      row('b', { bcs: 0.9, csd: null, hsd: null, rhythmF: null }),
    ]);
    for (const r of rows) {
      expect(r.best).toContain('bcs');
      expect(r.best).not.toContain('csd');
      expect(r.best).not.toContain('rhythmF');
    }
  });

  it('warns when rows come from other data or another scorer', () => {
    expect(compareEvaluations([row('a', {}), row('b', {})]).warnings).toEqual([]);
    const { warnings } = compareEvaluations([
      row('a', {}),
      row('b', {}, { split: 'VALID', scorerVersion: 'loris-scorer/0' }),
    ]);
    expect(warnings).toHaveLength(2);
  });

  it('writes CSV with a header, one line per row, quoted labels and the best columns', () => {
    const csv = comparisonCsv(
      compareEvaluations([
        row('a', { bcs: 0.95 }, { label: 'default, "tiny"' }),
        row('b', { bcs: 0.9, csd: null }),
      ]),
    );
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      'evaluation_id,model_version_id,model,dataset_version_id,split,scorer_version,samples,' +
        'BCS (higher is better),CSD (lower is better),BHS (higher is better),HSD (lower is better),' +
        'F1 (higher is better),Strict F (higher is better),Strict F (rhythm) (higher is better),best',
    );
    expect(lines[1]).toBe(
      'e1,a,"default, ""tiny""",d1,TEST,loris-scorer/1,4,95.0000,10.0000,80.0000,20.0000,85.0000,50.0000,40.0000,BCS CSD BHS HSD F1 Strict F Strict F (rhythm)',
    );
    expect(lines[2]).toBe(
      'e1,b,model b,d1,TEST,loris-scorer/1,4,90.0000,,80.0000,20.0000,85.0000,50.0000,40.0000,BHS HSD F1 Strict F Strict F (rhythm)',
    );
  });
});
