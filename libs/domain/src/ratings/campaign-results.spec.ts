import { campaignResults, CountedVote, perClipCsv, perConditionCsv, welchT } from './campaign-results';

const systems = [
  { id: 'a', label: 'LORIS v2' },
  { id: 'b', label: 'Ground truth' },
];

function votes(system: string, scores: number[], clip = `${system}-clip`): CountedVote[] {
  return scores.map((score, i) => ({
    systemId: system,
    clipId: clip,
    itemOrdinal: 0,
    sessionId: `r${i}`,
    score,
  }));
}

describe('campaignResults', () => {
  it('gives MOS with a Student-t 95% interval, votes and raters per system', () => {
    const r = campaignResults(systems, [...votes('a', [3, 4, 5, 4]), ...votes('b', [5, 5, 4, 5])]);
    const a = r.systems[0];
    expect(a).toMatchObject({ systemId: 'a', n: 4, raters: 4, mos: 4 });
    // std = sqrt(2/3); scipy: stats.t.ppf(0.975, 3) * std / 2 = 1.299228
    expect(a.std).toBeCloseTo(0.816497, 5);
    expect(a.ci95).toBeCloseTo(1.299228, 5);
    expect(r.votes).toBe(8);
    expect(r.raters).toBe(4);
  });

  it('reports a system without votes with n 0 and no MOS', () => {
    const r = campaignResults(systems, votes('a', [3, 4]));
    expect(r.systems[1]).toMatchObject({ n: 0, mos: null, ci95: null, raters: 0 });
  });

  it('tests every pair with Welch and Bonferroni', () => {
    const three = [...systems, { id: 'c', label: 'Baseline' }];
    const r = campaignResults(three, [
      ...votes('a', [3, 4, 3, 4, 3, 4]),
      ...votes('b', [5, 5, 4, 5, 5, 4]),
      ...votes('c', [1, 2, 1, 2, 1, 2]),
    ]);
    expect(r.pairwise).toHaveLength(3);
    for (const pair of r.pairwise) expect(pair.pBonferroni).toBeCloseTo(Math.min(1, pair.p! * 3), 12);
    expect(r.pairwise.every((p) => p.significant)).toBe(true);
  });
});

describe('welchT', () => {
  it('matches scipy.stats.ttest_ind(equal_var=False)', () => {
    // scipy 1.10: ttest_ind([3,4,5,4,3], [2,3,2,3,1,2], equal_var=False) -> t = 3.373299, p = 0.009354 (df 8.2233)
    const w = welchT([3, 4, 5, 4, 3], [2, 3, 2, 3, 1, 2]);
    expect(w.t).toBeCloseTo(3.373299, 5);
    expect(w.df).toBeCloseTo(8.22331, 5);
    expect(w.p).toBeCloseTo(0.009354, 5);
  });

  it('has no statistic for fewer than two votes a side', () => {
    expect(welchT([3], [4, 5]).p).toBeNull();
  });
});

describe('P.808 CSV', () => {
  it('writes condition_name, n, MOS, std, 95%CI per condition and per clip, quoting and neutralising text', () => {
    const r = campaignResults([{ id: 'a', label: '=cmd,"x"' }], votes('a', [4, 5]));
    const cond = perConditionCsv(r).split('\n');
    expect(cond[0]).toBe('condition_name,n,MOS,std,95%CI');
    expect(cond[1]).toBe(`"'=cmd,""x""",2,4.5000,0.7071,6.3531`);
    const clip = perClipCsv(r).split('\n');
    expect(clip[0]).toBe('file_url,condition_name,n,MOS,std,95%CI');
    expect(clip[1].startsWith('a-clip,')).toBe(true);
  });
});
