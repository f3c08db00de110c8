import { planSamples, remainingSamples, sampleKey } from './evaluation-plan';

describe('the order an evaluation walks its samples in', () => {
  const plan = planSamples(['s1', 's2'], ['vB', 'vA'], [7, 0]);

  it('is segment-major, then the versions as asked, then the seeds as asked', () => {
    expect(plan.map(sampleKey)).toEqual([
      'vB/s1/7',
      'vB/s1/0',
      'vA/s1/7',
      'vA/s1/0',
      'vB/s2/7',
      'vB/s2/0',
      'vA/s2/7',
      'vA/s2/0',
    ]);
  });

  it('skips what a previous attempt wrote and keeps the rest in plan order', () => {
    const written = [
      { segmentId: 's1', modelVersionId: 'vB', seed: 7 },
      { segmentId: 's1', modelVersionId: 'vA', seed: 7 },
      { segmentId: 's2', modelVersionId: 'vA', seed: 0 },
    ];
    expect(remainingSamples(plan, written).map(sampleKey)).toEqual([
      'vB/s1/0',
      'vA/s1/0',
      'vB/s2/7',
      'vB/s2/0',
      'vA/s2/7',
    ]);
  });

  it('has nothing left once everything is written, and everything when nothing is', () => {
    expect(remainingSamples(plan, plan)).toEqual([]);
    expect(remainingSamples(plan, [])).toEqual(plan);
  });

  it('ignores rows that are not in the plan (another seed) and does not double what it has', () => {
    const left = remainingSamples(plan, [{ segmentId: 's1', modelVersionId: 'vB', seed: 99 }]);
    expect(left).toHaveLength(8);
  });
});
