/**
 * Which clips a new rater session gets, and in what order (issue 17 "Assignment"), as pure computation so
 * that balance and order are tested without a database. P.808 spreads clips over raters in balanced
 * blocks; here every session takes the test clips with the fewest live votes so far (votes given plus
 * clips handed to sessions still running), so every clip's count approaches the target evenly.
 */

/** A test clip and how many votes it has or is waiting for. */
export interface CandidateClip {
  id: string;
  systemId: string;
  itemId: string;
  /** Votes counted plus live assignments not yet voted. */
  load: number;
}

export interface ExtraClip {
  id: string;
  kind: 'GOLD' | 'TRAP';
}

export interface AssignmentInput {
  candidates: CandidateClip[];
  gold: ExtraClip[];
  traps: ExtraClip[];
  clipsPerSession: number;
  goldPerSession: number;
  trapsPerSession: number;
  votesPerClip: number;
  /** A uniform [0, 1) source; Math.random in production, seeded in tests. */
  random: () => number;
}

export interface PlannedClip {
  stimulusId: string;
  kind: 'TEST' | 'GOLD' | 'TRAP';
  systemId: string | null;
}

/**
 * The session's clips in playing order. Test clips: the least-loaded first (ties broken at random), at
 * most one per (system, item) since each stimulus is one; clips that reached their target are taken only
 * when nothing below it is left, so a campaign keeps serving raters past its target rather than turning
 * them away. Then ordered with systems interleaved, and gold and trap clips put at random positions.
 */
export function planAssignment(input: AssignmentInput): PlannedClip[] {
  const { random } = input;
  const chosen = shuffle([...input.candidates], random)
    // Stable sort after a shuffle: equal loads stay in random order.
    .sort(
      (a, b) =>
        Number(a.load >= input.votesPerClip) - Number(b.load >= input.votesPerClip) || a.load - b.load,
    )
    .slice(0, input.clipsPerSession);
  const ordered = interleaveSystems(chosen, random).map((c): PlannedClip => ({
    stimulusId: c.id,
    kind: 'TEST',
    systemId: c.systemId,
  }));
  const extras = [
    ...shuffle([...input.gold], random).slice(0, input.goldPerSession),
    ...shuffle([...input.traps], random).slice(0, input.trapsPerSession),
  ];
  for (const extra of extras) {
    // Never first: a rater meets a check only after hearing a real clip (P.808 places them inside).
    const at = 1 + Math.floor(random() * ordered.length);
    ordered.splice(Math.min(at, ordered.length), 0, {
      stimulusId: extra.id,
      kind: extra.kind,
      systemId: null,
    });
  }
  return ordered;
}

/**
 * A random order in which consecutive clips come from different systems wherever the counts allow:
 * repeatedly take a clip from the system with the most clips left among those not just played.
 */
export function interleaveSystems<T extends { systemId: string }>(clips: T[], random: () => number): T[] {
  const bySystem = new Map<string, T[]>();
  for (const clip of shuffle([...clips], random)) {
    const list = bySystem.get(clip.systemId) ?? [];
    list.push(clip);
    bySystem.set(clip.systemId, list);
  }
  const out: T[] = [];
  let last: string | undefined;
  while (out.length < clips.length) {
    const open = [...bySystem.entries()].filter(([, list]) => list.length > 0);
    const others = open.filter(([id]) => id !== last);
    const pool = others.length ? others : open;
    const most = Math.max(...pool.map(([, list]) => list.length));
    const top = pool.filter(([, list]) => list.length === most);
    const [systemId, list] = top[Math.floor(random() * top.length)];
    out.push(list.pop()!);
    last = systemId;
  }
  return out;
}

/** Fisher-Yates, in place. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** A small seeded generator (mulberry32) for reproducible plans in tests and benchmarks. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
