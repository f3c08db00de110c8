import { CandidateClip, interleaveSystems, planAssignment, seededRandom } from './assignment-plan';

function campaign(systems: number, items: number): CandidateClip[] {
  const out: CandidateClip[] = [];
  for (let s = 0; s < systems; s++)
    for (let i = 0; i < items; i++)
      out.push({ id: `s${s}i${i}`, systemId: `s${s}`, itemId: `i${i}`, load: 0 });
  return out;
}

describe('planAssignment', () => {
  it('spreads votes evenly: after many sessions every clip is within one vote of every other', () => {
    const clips = campaign(4, 15);
    const random = seededRandom(7);
    for (let session = 0; session < 50; session++) {
      const plan = planAssignment({
        candidates: clips,
        gold: [],
        traps: [],
        clipsPerSession: 12,
        goldPerSession: 0,
        trapsPerSession: 0,
        votesPerClip: 10,
        random,
      });
      for (const p of plan) clips.find((c) => c.id === p.stimulusId)!.load += 1;
    }
    const loads = clips.map((c) => c.load);
    // 50 sessions x 12 clips over 60 clips: exactly 10 each.
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(loads.reduce((a, b) => a + b, 0)).toBe(600);
  });

  it('takes each clip once per session, so an item is heard at most once per system', () => {
    const plan = planAssignment({
      candidates: campaign(3, 10),
      gold: [{ id: 'g1', kind: 'GOLD' }],
      traps: [{ id: 't1', kind: 'TRAP' }],
      clipsPerSession: 12,
      goldPerSession: 1,
      trapsPerSession: 1,
      votesPerClip: 10,
      random: seededRandom(1),
    });
    const ids = plan.map((p) => p.stimulusId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(plan).toHaveLength(14);
    expect(plan.filter((p) => p.kind === 'GOLD')).toHaveLength(1);
    expect(plan.filter((p) => p.kind === 'TRAP')).toHaveLength(1);
    // A check never comes first.
    expect(plan[0].kind).toBe('TEST');
  });

  it('prefers clips below their target over those that reached it', () => {
    const clips = campaign(2, 5).map((c, i) => ({ ...c, load: i < 8 ? 10 : 3 }));
    const plan = planAssignment({
      candidates: clips,
      gold: [],
      traps: [],
      clipsPerSession: 2,
      goldPerSession: 0,
      trapsPerSession: 0,
      votesPerClip: 10,
      random: seededRandom(3),
    });
    expect(plan.map((p) => p.stimulusId).sort()).toEqual(
      clips
        .slice(8)
        .map((c) => c.id)
        .sort(),
    );
  });

  it('puts gold and trap clips at varying positions across sessions', () => {
    const positions = new Set<number>();
    for (let seed = 0; seed < 30; seed++) {
      const plan = planAssignment({
        candidates: campaign(2, 6),
        gold: [{ id: 'g', kind: 'GOLD' }],
        traps: [],
        clipsPerSession: 8,
        goldPerSession: 1,
        trapsPerSession: 0,
        votesPerClip: 10,
        random: seededRandom(seed),
      });
      positions.add(plan.findIndex((p) => p.kind === 'GOLD'));
    }
    expect(positions.size).toBeGreaterThan(4);
  });
});

describe('interleaveSystems', () => {
  it('never plays the same system twice in a row when the counts allow it', () => {
    const clips = campaign(3, 4).map((c) => ({ systemId: c.systemId, id: c.id }));
    for (let seed = 0; seed < 20; seed++) {
      const order = interleaveSystems(clips, seededRandom(seed));
      expect(order).toHaveLength(12);
      for (let i = 1; i < order.length; i++) expect(order[i].systemId).not.toBe(order[i - 1].systemId);
    }
  });

  it('orders differently per session', () => {
    const clips = campaign(3, 4).map((c) => ({ systemId: c.systemId, id: c.id }));
    const a = interleaveSystems(clips, seededRandom(1))
      .map((c) => c.id)
      .join();
    const b = interleaveSystems(clips, seededRandom(2))
      .map((c) => c.id)
      .join();
    expect(a).not.toBe(b);
  });
});
